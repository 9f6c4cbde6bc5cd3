using System.Data.Common;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Ml.Sdk.Registry.Storage.Internal;

/// <summary>
/// What differs between the registry's database engines: opening a connection with its session settings, the write
/// lock that serializes writers (and so the next version number), and read snapshots. The SQL itself is shared:
/// <c>@name</c> parameters, <c>ON CONFLICT</c>, <c>RETURNING</c>. Creating the schema on first use is the same for
/// every engine and lives here: each engine embeds its own idempotent DDL as <c>Storage/Schema/*.sql</c> resources.
/// </summary>
internal abstract class RegistryStorage : IDisposable
{
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private volatile bool _schemaReady;

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
    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        if (!_schemaReady)
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        }

        return await OpenSessionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Begins a write transaction that holds the registry's write lock until it ends, so that a read-then-write
    /// (the next version number, the last reference to a blob) cannot race another writer in any process.
    /// </summary>
    public abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Begins a read-only transaction whose reads all see one consistent snapshot.</summary>
    public abstract Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Opens a connection with the engine's session settings, without the schema check.</summary>
    protected abstract Task<DbConnection> OpenSessionAsync(CancellationToken cancellationToken);

    /// <summary>Applies settings that live in the database itself, once, before the schema (SQLite's WAL mode).</summary>
    protected virtual Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Releases the engine's resources.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _schemaLock.Dispose();
        }
    }

    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await _schemaLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            Directory.CreateDirectory(RootPath);
            Directory.CreateDirectory(ArtifactsPath);
            DbConnection connection = await OpenSessionAsync(cancellationToken).ConfigureAwait(false);
            await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
            await PrepareDatabaseAsync(connection, cancellationToken).ConfigureAwait(false);
            DbTransaction transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            await using ConfiguredAsyncDisposable transactionScope = transaction.ConfigureAwait(false);
            foreach (string script in SchemaScripts(GetType().Assembly))
            {
                using DbCommand command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = script;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _schemaReady = true;
        }
        finally
        {
            _schemaLock.Release();
        }
    }

    // Idempotent DDL (CREATE ... IF NOT EXISTS) embedded by the engine's assembly, applied in resource-name order.
    private static IEnumerable<string> SchemaScripts(Assembly assembly)
    {
        foreach (string name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using Stream stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return reader.ReadToEnd();
        }
    }
}
