using System.Security.Cryptography;

namespace Ml.Sdk.Registry.Artifacts.Internal;

/// <summary>
/// Artifact blobs under <c>artifacts/sha256/&lt;first 2 hex&gt;/&lt;hex&gt;</c>. A blob is written to a temp file in the
/// artifacts folder (same file system, so the final rename is atomic), hashed while written, flushed to disk, then
/// renamed into place; a crash leaves at most a temp file or an unreferenced blob, never a partial blob at its address.
/// </summary>
internal sealed class ContentAddressedStore
{
    internal const string TempPrefix = ".tmp-";
    private const int BufferSize = 81920;
    private static readonly TimeSpan s_staleTempAge = TimeSpan.FromHours(1);

    private readonly string _root;
    private readonly TimeProvider _timeProvider;
    private long _nextCleanupTicks;

    public ContentAddressedStore(string artifactsPath, TimeProvider timeProvider)
    {
        _root = artifactsPath;
        _timeProvider = timeProvider;
    }

    public string BlobPath(string sha256) => Path.Combine(_root, "sha256", sha256[..2], sha256);

    public bool Exists(string sha256) => File.Exists(BlobPath(sha256));

    /// <summary>Copies <paramref name="source"/> into the store, returning its address; an existing equal blob is kept.</summary>
    /// <exception cref="ArgumentException">The content is longer than <paramref name="maxBytes"/>.</exception>
    public async Task<StoredBlob> StoreAsync(ArtifactSource source, long maxBytes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_root);
        string tempPath = Path.Combine(_root, TempPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            StoredBlob blob;
            Stream input = source.Open();
            await using (input.ConfigureAwait(false))
            {
                var output = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.Asynchronous);
                await using (output.ConfigureAwait(false))
                {
                    using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                    byte[] buffer = new byte[BufferSize];
                    long length = 0;
                    int read;
                    while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        length += read;
                        if (length > maxBytes)
                        {
                            throw new ArgumentException(
                                $"Artifact '{source.FileName}' is larger than the {maxBytes} bytes allowed by RegistryOptions.MaxArtifactBytes.", nameof(source));
                        }

                        hash.AppendData(buffer, 0, read);
                        await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    }

                    // Durable before it gets its address: the database row that will point at it is written with synchronous=FULL.
                    output.Flush(flushToDisk: true);
                    blob = new StoredBlob(Convert.ToHexStringLower(hash.GetHashAndReset()), length);
                }
            }

            string blobPath = BlobPath(blob.Sha256);
            var existing = new FileInfo(blobPath);
            if (existing.Exists)
            {
                if (existing.Length == blob.Length)
                {
                    File.Delete(tempPath);
                    return blob;
                }

                // A blob of the wrong length at this address is damaged (truncated, say); the fresh copy repairs it
                // atomically, and readers holding the old file keep reading their handle.
                File.Move(tempPath, blobPath, overwrite: true);
                return blob;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(blobPath)!);
            try
            {
                File.Move(tempPath, blobPath, overwrite: false);
            }
            catch (IOException) when (File.Exists(blobPath))
            {
                // Another writer stored the same content first; equal hash, equal bytes.
                File.Delete(tempPath);
            }

            return blob;
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
    }

    /// <summary>Hashes a stream from its current position to its end.</summary>
    public static async Task<StoredBlob> HashAsync(Stream content, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = new byte[BufferSize];
        long length = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
            hash.AppendData(buffer, 0, read);
        }

        return new StoredBlob(Convert.ToHexStringLower(hash.GetHashAndReset()), length);
    }

    /// <summary>
    /// Opens the blob stored under <paramref name="sha256"/> and hashes that very handle, so that the bytes checked are
    /// the bytes the caller then reads; the stream is rewound. A missing blob gives no stream and the hash "missing".
    /// </summary>
    public async Task<(FileStream? Stream, StoredBlob Actual)> OpenAndHashAsync(string sha256, CancellationToken cancellationToken)
    {
        FileStream stream;
        try
        {
            // FileShare.Delete: a purge on another thread may unlink the blob while this handle reads it.
            stream = new FileStream(BlobPath(sha256), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return (null, new StoredBlob("missing", 0));
        }

        try
        {
            StoredBlob actual = await HashAsync(stream, cancellationToken).ConfigureAwait(false);
            stream.Position = 0;
            return (stream, actual);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public void Delete(string sha256) => TryDelete(BlobPath(sha256));

    /// <summary>
    /// Deletes temp files left by writers that crashed, at most once an hour per store. Only files older than an hour
    /// go: a younger one may belong to a registration still running in another process.
    /// </summary>
    public void CleanStaleTempFiles()
    {
        DateTimeOffset now = _timeProvider.GetUtcNow();
        long due = Interlocked.Read(ref _nextCleanupTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextCleanupTicks, (now + s_staleTempAge).UtcTicks, due) != due)
        {
            return;
        }

        try
        {
            foreach (string path in Directory.EnumerateFiles(_root, TempPrefix + "*"))
            {
                if (now - File.GetLastWriteTimeUtc(path) > s_staleTempAge)
                {
                    TryDelete(path);
                }
            }
        }
        catch (IOException)
        {
            // Opportunistic: a folder that cannot be listed now is cleaned next time.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
