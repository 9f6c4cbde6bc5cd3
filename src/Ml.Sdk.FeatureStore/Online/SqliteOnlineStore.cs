using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Online.Internal;

namespace Ml.Sdk.FeatureStore.Online;

/// <summary>
/// An embedded online store in one SQLite file (or a named in-memory database): one row per view name and entity key,
/// in a <c>WITHOUT ROWID</c> table whose primary key is the lookup, so a read is one index search per key.
/// </summary>
/// <remarks>
/// <para>
/// Safe to use from several threads. Each operation rents a session (a connection with its statements prepared once)
/// from a pool of up to <see cref="MaxSessions"/>: in WAL mode reads run in parallel with each other and with a write,
/// so a long materialization batch never stalls serving reads, as one connection behind a lock would. Writers of this
/// store queue on an asynchronous gate rather than on SQLite's busy wait; writers in other processes queue on the busy
/// timeout.
/// </para>
/// <para>The store stamps each row's <c>written_ts</c> from its <see cref="TimeProvider"/>; reads take the time to judge TTL from the caller.</para>
/// </remarks>
public sealed class SqliteOnlineStore : IOnlineStore
{
    private static readonly TimeSpan s_busyTimeout = TimeSpan.FromSeconds(30);

    private readonly string _connectionString;
    private readonly bool _isFile;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _sessionSlots;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ConcurrentBag<SqliteSession> _idleSessions = [];
    private readonly SqliteConnection? _inMemoryKeeper;
    private int _disposed;

    private SqliteOnlineStore(string dataSource, string connectionString, bool isFile, TimeProvider timeProvider, SqliteConnection? inMemoryKeeper)
    {
        DataSource = dataSource;
        _connectionString = connectionString;
        _isFile = isFile;
        _timeProvider = timeProvider;
        _inMemoryKeeper = inMemoryKeeper;
        MaxSessions = Math.Max(2, Environment.ProcessorCount);
        _sessionSlots = new SemaphoreSlim(MaxSessions, MaxSessions);
    }

    /// <summary>Gets the database file's full path, or the in-memory database's name.</summary>
    public string DataSource { get; }

    /// <summary>Gets the most operations that run at once; more wait for a session.</summary>
    public int MaxSessions { get; }

    /// <summary>
    /// Opens the store in a SQLite file, creating the file, its folder and the table if missing, and switching the file
    /// to WAL mode.
    /// </summary>
    /// <param name="path">The database file's path.</param>
    /// <param name="timeProvider">The clock that stamps when rows are written; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <returns>The open store; dispose it to close the file.</returns>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="SqliteException">The file cannot be opened as a SQLite database.</exception>
    public static async ValueTask<SqliteOnlineStore> OpenAsync(
        string path,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string fullPath = Path.GetFullPath(path);
        if (Path.GetDirectoryName(fullPath) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        // Pooling off: the store pools its own sessions (with their prepared statements), and closing it must release the file.
        string connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = (int)s_busyTimeout.TotalSeconds,
        }.ToString();
        var store = new SqliteOnlineStore(fullPath, connectionString, isFile: true, timeProvider ?? TimeProvider.System, inMemoryKeeper: null);
        await store.PrepareAsync(cancellationToken).ConfigureAwait(false);
        return store;
    }

    /// <summary>
    /// Opens a store in a named, shared in-memory database, which lives until the store is disposed; for tests and
    /// single-process caches.
    /// </summary>
    /// <param name="name">The database's name; stores opened with the same name at the same time share it.</param>
    /// <param name="timeProvider">The clock that stamps when rows are written; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <returns>The open store.</returns>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public static async ValueTask<SqliteOnlineStore> OpenInMemoryAsync(
        string name,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        string connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = name,
            Mode = SqliteOpenMode.Memory,
            Cache = SqliteCacheMode.Shared,
            Pooling = false,
            DefaultTimeout = (int)s_busyTimeout.TotalSeconds,
        }.ToString();

        // A shared in-memory database is dropped when its last connection closes; this one stays open with the store.
        var keeper = new SqliteConnection(connectionString);
        try
        {
            await keeper.OpenAsync(cancellationToken).ConfigureAwait(false);
            var store = new SqliteOnlineStore(name, connectionString, isFile: false, timeProvider ?? TimeProvider.System, keeper);
            await store.PrepareAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await keeper.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc/>
    public async ValueTask<OnlineWriteResult> WriteAsync(
        RegisteredFeatureView view,
        IReadOnlyList<OnlineFeatureRow> rows,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(rows);
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        EncodedOnlineRow[] encoded = OnlineRowCodec.EncodeBatch(view, rows);
        if (encoded.Length == 0)
        {
            return default;
        }

        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            SqliteSession session = await RentAsync(cancellationToken).ConfigureAwait(false);
            bool healthy = false;
            try
            {
                int written = session.Write(view.Name, encoded, _timeProvider.GetUtcNow().UtcTicks, cancellationToken);
                healthy = true;
                return new OnlineWriteResult(written, encoded.Length - written);
            }
            finally
            {
                Return(session, healthy);
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask<OnlineReadResult> ReadAsync(
        RegisteredFeatureView view,
        IReadOnlyList<EntityKey> keys,
        DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(keys);
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        byte[][] encodedKeys = OnlineRowCodec.EncodeKeys(view, keys);
        var distinct = new HashSet<byte[]>(encodedKeys, EncodedKeyComparer.Instance);
        var found = new Dictionary<byte[], StoredOnlineRow>(distinct.Count, EncodedKeyComparer.Instance);
        if (distinct.Count > 0)
        {
            SqliteSession session = await RentAsync(cancellationToken).ConfigureAwait(false);
            bool healthy = false;
            try
            {
                session.Read(view.Name, [.. distinct], found, cancellationToken);
                healthy = true;
            }
            finally
            {
                Return(session, healthy);
            }
        }

        var rows = new StoredOnlineRow?[encodedKeys.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = found.TryGetValue(encodedKeys[i], out StoredOnlineRow row) ? row : null;
        }

        return OnlineRowCodec.Decode(view, keys, rows, now);
    }

    /// <summary>Waits for running operations to finish, then closes every connection; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    /// <returns>A task that completes when the store is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Taking every slot waits out the operations in flight; giving them back lets waiters see the store disposed.
        for (int i = 0; i < MaxSessions; i++)
        {
            await _sessionSlots.WaitAsync().ConfigureAwait(false);
        }

        while (_idleSessions.TryTake(out SqliteSession? session))
        {
            session.Dispose();
        }

        if (_inMemoryKeeper is not null)
        {
            await _inMemoryKeeper.DisposeAsync().ConfigureAwait(false);
        }

        _sessionSlots.Release(MaxSessions);
    }

    /// <inheritdoc/>
    public override string ToString() => $"SqliteOnlineStore({DataSource})";

    private async ValueTask PrepareAsync(CancellationToken cancellationToken)
    {
        SqliteSession session = await SqliteSession.OpenAsync(
            _connectionString, (int)s_busyTimeout.TotalMilliseconds, _isFile, prepareDatabase: true, cancellationToken).ConfigureAwait(false);
        _idleSessions.Add(session);
    }

    private async ValueTask<SqliteSession> RentAsync(CancellationToken cancellationToken)
    {
        await _sessionSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            return _idleSessions.TryTake(out SqliteSession? session)
                ? session
                : await SqliteSession.OpenAsync(
                    _connectionString, (int)s_busyTimeout.TotalMilliseconds, _isFile, prepareDatabase: false, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _sessionSlots.Release();
            throw;
        }
    }

    // A session that failed mid-operation (an interrupted statement, an I/O error) is closed rather than reused.
    private void Return(SqliteSession session, bool healthy)
    {
        if (healthy)
        {
            _idleSessions.Add(session);
        }
        else
        {
            session.Dispose();
        }

        _sessionSlots.Release();
    }
}
