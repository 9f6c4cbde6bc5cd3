using System.Diagnostics;
using Ml.Sdk.Core.NativeRuntimes;
using Ml.Sdk.Core.NativeRuntimes.Internal;

namespace Ml.Sdk.Core.Tests.NativeRuntimes;

/// <summary>
/// The probe must turn the loader's failure into one sentence naming the missing system library. These tests build
/// tiny shared libraries with the machine's C compiler and break them the two ways real machines break TorchSharp:
/// a dependency that is missing, and a dependency too old for the symbol version required (the libstdc++ case).
/// </summary>
public sealed class NativeLibraryProbeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ml-sdk-probe-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void TryLoad_DependencyMissing_NamesTheMissingLibrary()
    {
        BuildDependency("DEP_2.0");
        BuildProbeLibrary();
        File.Delete(Path.Combine(_directory, "libmlsdkdep.so"));

        NativeLibraryLoadResult result = NativeLibraryProbe.TryLoad("libmlsdkprobe.so", [_directory]);

        Assert.False(result.IsLoaded);
        Assert.Equal("libmlsdkdep.so", result.MissingDependency);
        Assert.Null(result.MissingVersion);
        Assert.Contains("the system library libmlsdkdep.so is missing", result.Diagnosis, StringComparison.Ordinal);
        Assert.DoesNotContain("strace", result.Diagnosis, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_DependencyTooOld_NamesTheLibraryAndTheMissingVersion()
    {
        BuildDependency("DEP_2.0");
        BuildProbeLibrary();
        BuildDependency("DEP_1.0"); // an older build of the dependency, as Debian 12's libstdc++ is for TorchSharp

        NativeLibraryLoadResult result = NativeLibraryProbe.TryLoad("libmlsdkprobe.so", [_directory]);

        Assert.False(result.IsLoaded);
        Assert.EndsWith("libmlsdkdep.so", result.MissingDependency, StringComparison.Ordinal);
        Assert.Equal("DEP_2.0", result.MissingVersion);
        Assert.Contains("lacks DEP_2.0", result.Diagnosis, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureLoaded_NotFound_ThrowsNamingTheRuntimeAndPackage()
    {
        var ex = Assert.Throws<NativeRuntimeUnavailableException>(
            () => NativeLibraryProbe.EnsureLoaded("libnotthere.so", "TorchSharp", [_directory]));

        Assert.StartsWith("TorchSharp is not usable on this machine: libnotthere.so was not found", ex.Message, StringComparison.Ordinal);
        Assert.Contains("TorchSharp-cpu", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.Result!.IsLoaded);
    }

    [Fact]
    public void EnsureLoaded_HealthyLibrary_Loads()
    {
        BuildDependency("DEP_2.0");
        BuildProbeLibrary();

        NativeLibraryLoadResult result = NativeLibraryProbe.EnsureLoaded("libmlsdkprobe.so", "Test", [_directory]);

        Assert.True(result.IsLoaded);
        Assert.Equal(Path.Combine(_directory, "libmlsdkprobe.so"), result.Path);
        Assert.Equal(string.Empty, result.Diagnosis);
    }

    [Fact]
    public void Parse_GlibcxxVersionMessage_ExplainsLibstdcxxUpgrade()
    {
        const string message = "Unable to load shared library '/app/libLibTorchSharp.so' or one of its dependencies: " +
            "/lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.32' not found (required by /app/libLibTorchSharp.so)";

        (string? dependency, string? version, string? requiredBy) = LoaderErrorParser.Parse(message);
        string explanation = LoaderErrorParser.Explain(dependency!, version);

        Assert.Equal("/lib/x86_64-linux-gnu/libstdc++.so.6", dependency);
        Assert.Equal("GLIBCXX_3.4.32", version);
        Assert.Equal("/app/libLibTorchSharp.so", requiredBy);
        Assert.Contains("GCC 13", explanation, StringComparison.Ordinal);
        Assert.Contains("eng/bootstrap.sh", explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnrecognisedMessage_ReturnsNothing()
    {
        Assert.Equal((null, null, null), LoaderErrorParser.Parse("The specified module could not be found."));
    }

    private void BuildDependency(string version)
    {
        File.WriteAllText(Path.Combine(_directory, "dep.c"), "int mlsdk_dep(void) { return 2; }\n");
        File.WriteAllText(Path.Combine(_directory, "dep.map"), version + " { global: mlsdk_dep; local: *; };\n");
        Compile("-shared -fPIC -Wl,--version-script=dep.map -Wl,-soname,libmlsdkdep.so -o libmlsdkdep.so dep.c");
    }

    private void BuildProbeLibrary()
    {
        File.WriteAllText(Path.Combine(_directory, "probe.c"), "int mlsdk_dep(void);\nint mlsdk_probe(void) { return mlsdk_dep(); }\n");
        Compile("-shared -fPIC -o libmlsdkprobe.so probe.c -L. -lmlsdkdep -Wl,-rpath,$ORIGIN");
    }

    private void Compile(string arguments)
    {
        var start = new ProcessStartInfo("cc", arguments)
        {
            WorkingDirectory = _directory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using Process process = Process.Start(start)!;
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"cc {arguments} failed: {errors}");
    }
}
