using System.Globalization;
using System.Numerics;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Ml.Sdk.FeatureStore.Online.Internal;

/// <summary>
/// One connection to the online database with its statements prepared once: the upsert, and a read per key-count bucket.
/// Used by one operation at a time; the store pools sessions.
/// </summary>
internal sealed class SqliteSession : IDisposable
{
    /// <summary>SQLite allows 32,766 parameters; 500 keys per statement keeps statements small and few.</summary>
    public const int MaxKeysPerStatement = 500;

    public const string CreateSchemaSql = """
        CREATE TABLE IF NOT EXISTS online_features (
            view TEXT NOT NULL,
            entity_key BLOB NOT NULL,
            event_ts INTEGER NOT NULL,
            written_ts INTEGER NOT NULL,
            "values" BLOB NOT NULL,
            PRIMARY KEY (view, entity_key)
        ) WITHOUT ROWID;
        """;

    // The WHERE makes a stale write change no row, so the statement's change count (1 or 0) tells written from stale.
    private const string UpsertSql = """
        INSERT INTO online_features (view, entity_key, event_ts, written_ts, "values")
        VALUES ($view, $key, $event_ts, $written_ts, $values)
        ON CONFLICT (view, entity_key) DO UPDATE SET
            event_ts = excluded.event_ts,
            written_ts = excluded.written_ts,
            "values" = excluded."values"
        WHERE excluded.event_ts >= online_features.event_ts;
        """;

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _upsert;
    private readonly SqliteParameter _upsertView;
    private readonly SqliteParameter _upsertKey;
    private readonly SqliteParameter _upsertEventTs;
    private readonly SqliteParameter _upsertWrittenTs;
    private readonly SqliteParameter _upsertValues;
    private readonly Dictionary<int, SqliteCommand> _reads = [];

    private SqliteSession(SqliteConnection connection)
    {
        _connection = connection;
        _upsert = connection.CreateCommand();
        _upsert.CommandText = UpsertSql;
        _upsertView = _upsert.Parameters.Add("$view", SqliteType.Text);
        _upsertKey = _upsert.Parameters.Add("$key", SqliteType.Blob);
        _upsertEventTs = _upsert.Parameters.Add("$event_ts", SqliteType.Integer);
        _upsertWrittenTs = _upsert.Parameters.Add("$written_ts", SqliteType.Integer);
        _upsertValues = _upsert.Parameters.Add("$values", SqliteType.Blob);
    }

    /// <summary>Opens a connection, sets its busy timeout, and (for the first session of a store) creates the schema.</summary>
    public static async ValueTask<SqliteSession> OpenAsync(
        string connectionString,
        int busyTimeoutMilliseconds,
        bool isFile,
        bool prepareDatabase,
        CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var setup = new StringBuilder();
            setup.Append(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {busyTimeoutMilliseconds};");
            if (isFile)
            {
                // WAL: readers never block the writer or each other. NORMAL is durable against a crash of the process
                // and may lose the last commits on power loss, which an online store (rebuilt by materialization) affords.
                setup.Append(" PRAGMA synchronous = NORMAL;");

                // Reads map the file instead of copying pages through read() calls, and each connection keeps up to
                // 64 MB of pages: SQLite's default 2 MB cache made every lookup of a larger store a system call.
                setup.Append(" PRAGMA mmap_size = 1073741824; PRAGMA cache_size = -65536;");
                if (prepareDatabase)
                {
                    setup.Append(" PRAGMA journal_mode = WAL;");
                }
            }

            if (prepareDatabase)
            {
                setup.Append(' ').Append(CreateSchemaSql);
            }

            using (SqliteCommand command = connection.CreateCommand())
            {
                command.CommandText = setup.ToString();
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var session = new SqliteSession(connection);
            session._upsert.Prepare();
            return session;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Applies the rows in order in one immediate transaction; returns how many changed a row.</summary>
    public int Write(string view, EncodedOnlineRow[] rows, long writtenTicks, CancellationToken cancellationToken)
    {
        // IMMEDIATE takes the write lock up front, so the busy timeout queues writers instead of failing them mid-way.
        using SqliteTransaction transaction = _connection.BeginTransaction(deferred: false);
        _upsert.Transaction = transaction;
        try
        {
            _upsertView.Value = view;
            _upsertWrittenTs.Value = writtenTicks;
            int written = 0;
            for (int i = 0; i < rows.Length; i++)
            {
                if ((i & 0xFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                _upsertKey.Value = rows[i].Key;
                _upsertEventTs.Value = rows[i].EventTicks;
                _upsertValues.Value = rows[i].Values;
                written += _upsert.ExecuteNonQuery();
            }

            cancellationToken.ThrowIfCancellationRequested();
            transaction.Commit();
            return written;
        }
        finally
        {
            _upsert.Transaction = null;
        }
    }

    /// <summary>Reads the stored rows of distinct keys, at most <see cref="MaxKeysPerStatement"/> per statement.</summary>
    public void Read(string view, IReadOnlyList<byte[]> keys, Dictionary<byte[], StoredOnlineRow> found, CancellationToken cancellationToken)
    {
        for (int start = 0; start < keys.Count; start += MaxKeysPerStatement)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(MaxKeysPerStatement, keys.Count - start);
            SqliteCommand read = ReadCommand(count, out int slots);
            SqliteParameterCollection parameters = read.Parameters;
            parameters[0].Value = view;
            for (int i = 0; i < slots; i++)
            {
                // Slots past the keys repeat the first key: IN ignores repeats, and a few bucket sizes keep few statements.
                parameters[i + 1].Value = keys[start + (i < count ? i : 0)];
            }

            using SqliteDataReader reader = read.ExecuteReader();
            while (reader.Read())
            {
                byte[] key = (byte[])reader.GetValue(0);
                found[key] = new StoredOnlineRow(reader.GetInt64(1), (byte[])reader.GetValue(2));
            }
        }
    }

    public void Dispose()
    {
        _upsert.Dispose();
        foreach (SqliteCommand read in _reads.Values)
        {
            read.Dispose();
        }

        _connection.Dispose();
    }

    private SqliteCommand ReadCommand(int count, out int slots)
    {
        slots = count <= 1 ? 1 : Math.Min(MaxKeysPerStatement, (int)BitOperations.RoundUpToPowerOf2((uint)count));
        if (_reads.TryGetValue(slots, out SqliteCommand? read))
        {
            return read;
        }

        read = _connection.CreateCommand();
        var sql = new StringBuilder("SELECT entity_key, event_ts, \"values\" FROM online_features WHERE view = $view AND entity_key IN (");
        read.Parameters.Add("$view", SqliteType.Text);
        for (int i = 0; i < slots; i++)
        {
            string name = "$k" + i.ToString(CultureInfo.InvariantCulture);
            sql.Append(i == 0 ? string.Empty : ", ").Append(name);
            read.Parameters.Add(name, SqliteType.Blob);
        }

        read.CommandText = sql.Append(");").ToString();
        read.Prepare();
        _reads.Add(slots, read);
        return read;
    }
}
