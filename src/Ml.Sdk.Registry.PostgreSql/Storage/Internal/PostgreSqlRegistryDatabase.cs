using System.Data;
using System.Data.Common;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ml.Sdk.Registry.Storage.Internal;

/// <summary>
/// The registry's metadata in a PostgreSQL database that several machines share. Writers serialize on one
/// transaction-scoped advisory lock, the counterpart of SQLite's <c>BEGIN IMMEDIATE</c>: the next version number and
/// "is this blob still used?" are read and acted on under it. Reads use <c>REPEATABLE READ</c> snapshots. Creates the
/// schema on first use, under the same lock, so that processes starting together do not race on the DDL.
/// </summary>
internal sealed class PostgreSqlRegistryDatabase : RegistryStorage
{
    // pg_advisory_xact_lock's key: "MlSdkReg" as a big-endian 64-bit integer.
    private const long WriteLockKey = 0x4D6C53646B526567;

    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Creates the storage from the registry and PostgreSQL options, checking the arguments first.</summary>
    public static PostgreSqlRegistryDatabase Create(IOptions<RegistryOptions> options, IOptions<PostgreSqlRegistryOptions> postgreSqlOptions)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(postgreSqlOptions);
        ArgumentException.ThrowIfNullOrWhiteSpace(postgreSqlOptions.Value.ConnectionString, nameof(postgreSqlOptions));
        return new PostgreSqlRegistryDatabase(options.Value.RootPath, postgreSqlOptions.Value.ConnectionString);
    }

    public PostgreSqlRegistryDatabase(string rootPath, string connectionString)
        : base(rootPath)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        SignalKey = $"postgresql://{builder.Host}:{builder.Port}/{builder.Database}";
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public override string SignalKey { get; }

    protected override async Task<DbConnection> OpenSessionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        DbTransaction transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
        try
        {
            await LockAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override async Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _dataSource.Dispose();
        }

        base.Dispose(disposing);
    }

    private static async Task LockAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        using DbCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT pg_advisory_xact_lock(@key);";
        DbParameter key = command.CreateParameter();
        key.ParameterName = "key";
        key.DbType = DbType.Int64;
        key.Value = WriteLockKey;
        command.Parameters.Add(key);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
