namespace Ml.Sdk.Core.NativeRuntimes;

/// <summary>What <see cref="NativeLibraryProbe"/> found when it tried to load a native library.</summary>
/// <param name="LibraryFileName">The library asked for, e.g. <c>libLibTorchSharp.so</c>.</param>
/// <param name="IsLoaded">Whether it loaded.</param>
/// <param name="Path">Where it was found, or <see langword="null"/> when it was not found at all.</param>
/// <param name="MissingDependency">The system library that could not be opened, or that lacks a symbol version.</param>
/// <param name="MissingVersion">The symbol version the dependency lacks (e.g. <c>GLIBCXX_3.4.32</c>), if that is the cause.</param>
/// <param name="LoaderError">The platform loader's own message, for the record.</param>
/// <param name="Diagnosis">One sentence for a human: what is missing and what to install. Empty when loaded.</param>
public sealed record NativeLibraryLoadResult(
    string LibraryFileName,
    bool IsLoaded,
    string? Path,
    string? MissingDependency,
    string? MissingVersion,
    string? LoaderError,
    string Diagnosis);
