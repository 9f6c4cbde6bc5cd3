using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Ml.Sdk.Registry.Storage.Internal;

/// <summary>
/// The embedded registry database: one SQLite file under the root path, in WAL mode so that readers never block the
/// writer and several processes can share it, with foreign keys on and a busy timeout so that writers queue instead
/// of failing with "database is locked". Creates the schema on first use.
/// </summary>
internal sealed class RegistryDatabase : RegistryStorage
{
    private readonly string _connectionString;
    private readonly int _busyTimeoutMilliseconds;

    /// <summary>Creates the storage for <paramref name="options"/>, checking the argument first.</summary>
    public static RegistryDatabase Create(Microsoft.Extensions.Options.IOptions<RegistryOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RegistryDatabase(options.Value.RootPath, options.Value.BusyTimeout);
    }

    public RegistryDatabase(string rootPath, TimeSpan busyTimeout)
        : base(rootPath)
    {
        DatabasePath = Path.Combine(RootPath, "registry.db");
        _busyTimeoutMilliseconds = (int)Math.Clamp(busyTimeout.TotalMilliseconds, 1, int.MaxValue);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
        }.ToString();
    }

    public string DatabasePath { get; }

    public override string SignalKey => DatabasePath;


    /// <summary>
    /// Begins a write transaction that takes the write lock at once (<c>BEGIN IMMEDIATE</c>), so that a
    /// read-then-write (the next version number) cannot race another writer.
    /// </summary>
    public static SqliteTransaction BeginWrite(SqliteConnection connection) => connection.BeginTransaction(deferred: false);

    protected override async Task<DbConnection> OpenSessionAsync(CancellationToken cancellationToken) =>
        await OpenRawAsync(cancellationToken).ConfigureAwait(false);

    // Persistent in the file: every process that opens it afterwards uses WAL.
    protected override async Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        using DbCommand wal = connection.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode = WAL;";
        await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(BeginWrite((SqliteConnection)connection));

    /// <summary>A deferred transaction: its first read fixes the WAL snapshot that every later read sees.</summary>
    public override Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using SqliteCommand pragmas = connection.CreateCommand();
            pragmas.CommandText = string.Create(CultureInfo.InvariantCulture,
                $"PRAGMA busy_timeout = {_busyTimeoutMilliseconds}; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;");
            await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
