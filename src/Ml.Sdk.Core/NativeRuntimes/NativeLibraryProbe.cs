using System.Runtime.InteropServices;
using Ml.Sdk.Core.NativeRuntimes.Internal;

namespace Ml.Sdk.Core.NativeRuntimes;

/// <summary>
/// Loads a runtime's native library before the runtime does, so that a failure names the missing system library
/// (or the symbol version it lacks) and what to install, instead of the runtime's long probe trace. Training calls
/// it for TorchSharp's <c>libLibTorchSharp.so</c>, Serving for ONNX Runtime.
/// </summary>
public static class NativeLibraryProbe
{
    /// <summary>Finds and loads <paramref name="libraryFileName"/> from the app's native search directories.</summary>
    /// <param name="libraryFileName">The file name, e.g. <c>libLibTorchSharp.so</c>.</param>
    /// <param name="searchDirectories">
    /// Where to look; <see langword="null"/> for the app's own: the native search directories the .NET host was given,
    /// the app directory, and its <c>runtimes/&lt;rid&gt;/native</c> folder.
    /// </param>
    /// <returns>What happened; <see cref="NativeLibraryLoadResult.Diagnosis"/> says why, when it did not load.</returns>
    /// <exception cref="ArgumentException"><paramref name="libraryFileName"/> is empty.</exception>
    public static NativeLibraryLoadResult TryLoad(string libraryFileName, IEnumerable<string>? searchDirectories = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(libraryFileName);
        List<string> directories = [.. searchDirectories ?? DefaultSearchDirectories()];
        string? path = directories
            .Select(directory => System.IO.Path.Combine(directory, libraryFileName))
            .FirstOrDefault(File.Exists);
        if (path is null)
        {
            return new NativeLibraryLoadResult(libraryFileName, false, null, libraryFileName, null, null,
                $"{libraryFileName} was not found in any native search directory ({string.Join(", ", directories)}); " +
                "reference the runtime's native package (e.g. TorchSharp-cpu, Microsoft.ML.OnnxRuntime).");
        }

        try
        {
            NativeLibrary.Load(path);
            return new NativeLibraryLoadResult(libraryFileName, true, path, null, null, null, string.Empty);
        }
        catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException)
        {
            (string? dependency, string? version, _) = LoaderErrorParser.Parse(ex.Message);
            string diagnosis = dependency is null
                ? $"{path} could not be loaded: {ex.Message}"
                : $"{libraryFileName} could not be loaded: {LoaderErrorParser.Explain(dependency, version)}.";
            return new NativeLibraryLoadResult(libraryFileName, false, path, dependency, version, ex.Message, diagnosis);
        }
    }

    /// <summary>Loads <paramref name="libraryFileName"/> or throws an exception that says what is missing.</summary>
    /// <param name="libraryFileName">The file name, e.g. <c>libLibTorchSharp.so</c>.</param>
    /// <param name="runtimeName">The runtime's name for the message, e.g. <c>TorchSharp</c>.</param>
    /// <param name="searchDirectories">Where to look; <see langword="null"/> for the app's own directories.</param>
    /// <returns>The successful result.</returns>
    /// <exception cref="NativeRuntimeUnavailableException">The library is missing or cannot be loaded.</exception>
    public static NativeLibraryLoadResult EnsureLoaded(string libraryFileName, string runtimeName, IEnumerable<string>? searchDirectories = null)
    {
        NativeLibraryLoadResult result = TryLoad(libraryFileName, searchDirectories);
        return result.IsLoaded
            ? result
            : throw new NativeRuntimeUnavailableException($"{runtimeName} is not usable on this machine: {result.Diagnosis}") { Result = result };
    }

    /// <summary>Returns the directories the app loads native libraries from, in the order the host searches them.</summary>
    /// <returns>The directories.</returns>
    public static IReadOnlyList<string> DefaultSearchDirectories()
    {
        var directories = new List<string>();
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string hostDirectories)
        {
            directories.AddRange(hostDirectories.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        string baseDirectory = AppContext.BaseDirectory;
        directories.Add(baseDirectory);
        directories.Add(System.IO.Path.Combine(baseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native"));
        return directories.Distinct(StringComparer.Ordinal).ToList();
    }
}
