using System.Text.RegularExpressions;

namespace Ml.Sdk.Core.NativeRuntimes.Internal;

/// <summary>
/// Reads the dynamic loader's message (glibc's dlerror text, as .NET puts it into DllNotFoundException) and pulls
/// out the one fact a person needs: which system library is missing, or which symbol version it lacks.
/// </summary>
internal static partial class LoaderErrorParser
{
    public static (string? Dependency, string? Version, string? RequiredBy) Parse(string loaderError)
    {
        // glibc: "/lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.32' not found (required by /x/libtorch_cpu.so)"
        Match version = VersionNotFound().Match(loaderError);
        if (version.Success)
        {
            return (version.Groups["lib"].Value, version.Groups["ver"].Value, version.Groups["by"].Value);
        }

        // glibc: "libgomp.so.1: cannot open shared object file: No such file or directory"
        Match missing = CannotOpen().Match(loaderError);
        if (missing.Success)
        {
            return (missing.Groups["lib"].Value, null, null);
        }

        // glibc: "/x/libtorch_cpu.so: undefined symbol: _ZN3c10..." (a mismatched build of a dependency)
        Match symbol = UndefinedSymbol().Match(loaderError);
        if (symbol.Success)
        {
            return (symbol.Groups["lib"].Value, symbol.Groups["sym"].Value, null);
        }

        return (null, null, null);
    }

    public static string Explain(string dependency, string? version)
    {
        if (version is not null && version.StartsWith("GLIBCXX_", StringComparison.Ordinal))
        {
            return $"the system library {dependency} is too old: it lacks {version}, so a newer libstdc++ is needed " +
                $"(GLIBCXX_3.4.32 comes with GCC 13; on Debian 12 run eng/bootstrap.sh, elsewhere install libstdc++ from GCC 13 or later)";
        }

        if (version is not null && version.StartsWith("GLIBC_", StringComparison.Ordinal))
        {
            return $"the system C library {dependency} is too old: it lacks {version}; a newer distribution release is needed";
        }

        if (version is not null)
        {
            return $"{dependency} lacks {version}: a dependency of a different build is on the loader path";
        }

        return $"the system library {dependency} is missing; install the package that provides it";
    }

    [GeneratedRegex(@"(?<lib>[^\s:]+): version [`'](?<ver>[^'`]+)' not found(?: \(required by (?<by>[^)]+)\))?", RegexOptions.CultureInvariant)]
    private static partial Regex VersionNotFound();

    [GeneratedRegex(@"(?<lib>[^\s:]+): cannot open shared object file", RegexOptions.CultureInvariant)]
    private static partial Regex CannotOpen();

    [GeneratedRegex(@"(?<lib>[^\s:]+): undefined symbol: (?<sym>\S+)", RegexOptions.CultureInvariant)]
    private static partial Regex UndefinedSymbol();
}
