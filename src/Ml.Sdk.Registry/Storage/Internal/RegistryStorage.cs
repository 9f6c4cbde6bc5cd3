using System.Data.Common;

namespace Ml.Sdk.Registry.Storage.Internal;

/// <summary>
/// What differs between the registry's database engines: opening a connection with its session settings and the
/// schema in place, the write lock that serializes writers (and so the next version number), and read snapshots.
/// The SQL itself is shared: <c>@name</c> parameters, <c>ON CONFLICT</c>, <c>RETURNING</c>.
/// </summary>
internal abstract class RegistryStorage : IDisposable
{
    protected RegistryStorage(string rootPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootPath);
        RootPath = Path.GetFullPath(rootPath);
        ArtifactsPath = Path.Combine(RootPath, "artifacts");
    }

    /// <summary>Gets the root folder; artifacts live under it in every engine.</summary>
    public string RootPath { get; }

    /// <summary>Gets the folder of the content-addressed blobs.</summary>
    public string ArtifactsPath { get; }

    /// <summary>Gets the key that identifies the database within the process, for in-process change signals.</summary>
    public abstract string SignalKey { get; }

    /// <summary>Opens a connection with the session settings applied, creating the schema on first use.</summary>
    public abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Begins a write transaction that holds the registry's write lock until it ends, so that a read-then-write
    /// (the next version number, the last reference to a blob) cannot race another writer in any process.
    /// </summary>
    public abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Begins a read-only transaction whose reads all see one consistent snapshot.</summary>
    public abstract Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <inheritdoc />
    public abstract void Dispose();
}
