using System.Runtime.InteropServices;

namespace Ml.Sdk.Registry;

/// <summary>One file to store with a new model version: its file name and where its content comes from.</summary>
/// <remarks>The file name is checked by the registry (per <see cref="Naming.NameRules"/>) when the version is registered.</remarks>
public sealed class ArtifactSource
{
    private readonly Func<Stream>? _openStream;
    private readonly ReadOnlyMemory<byte> _bytes;

    private ArtifactSource(string fileName, Func<Stream>? openStream, ReadOnlyMemory<byte> bytes, string? filePath)
    {
        FileName = fileName;
        _openStream = openStream;
        _bytes = bytes;
        FilePath = filePath;
    }

    /// <summary>Gets the file name the content is stored under within the version.</summary>
    public string FileName { get; }

    /// <summary>Gets the local file the content is read from, for <see cref="FromFile"/> sources.</summary>
    public string? FilePath { get; }

    /// <summary>Gets the content length when known before reading (byte arrays and files).</summary>
    internal long? KnownLength => _openStream is not null ? null : FilePath is not null ? new FileInfo(FilePath).Length : _bytes.Length;

    /// <summary>Creates a source read from a stream that <paramref name="openStream"/> opens once, at registration.</summary>
    /// <param name="fileName">The file name within the version.</param>
    /// <param name="openStream">Opens the content stream; the registry disposes it.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ArtifactSource FromStream(string fileName, Func<Stream> openStream)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(openStream);
        return new ArtifactSource(fileName, openStream, default, null);
    }

    /// <summary>Creates a source from bytes in memory.</summary>
    /// <param name="fileName">The file name within the version.</param>
    /// <param name="content">The content; not copied, so leave it unchanged until registration completes.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fileName"/> is <see langword="null"/>.</exception>
    public static ArtifactSource FromBytes(string fileName, ReadOnlyMemory<byte> content)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return new ArtifactSource(fileName, null, content, null);
    }

    /// <summary>Creates a source read from a local file.</summary>
    /// <param name="fileName">The file name within the version.</param>
    /// <param name="path">The local file to read; it must exist when the version is registered.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ArtifactSource FromFile(string fileName, string path)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new ArtifactSource(fileName, null, default, Path.GetFullPath(path));
    }

    /// <summary>Opens the content for reading.</summary>
    internal Stream Open()
    {
        if (_openStream is not null)
        {
            return _openStream() ?? throw new InvalidOperationException($"The stream factory of artifact '{FileName}' returned null.");
        }

        if (FilePath is not null)
        {
            return new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }

        // Wraps the caller's array without copying when the memory is array-backed (it almost always is).
        return MemoryMarshal.TryGetArray(_bytes, out ArraySegment<byte> segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(_bytes.ToArray(), writable: false);
    }
}
