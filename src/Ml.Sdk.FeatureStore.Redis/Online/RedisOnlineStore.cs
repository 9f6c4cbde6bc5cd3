using Microsoft.Extensions.Options;
using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Online.Internal;
using StackExchange.Redis;

namespace Ml.Sdk.FeatureStore.Online;

/// <summary>
/// An online store on Redis, shared by every process and machine that connects to the server: one hash per view name
/// and entity key, holding the event timestamp and the encoded feature values.
/// </summary>
/// <remarks>
/// <para>
/// A write validates and encodes the whole batch first, then sends one Lua script call per row inside one
/// <c>MULTI</c>/<c>EXEC</c> transaction (one round trip). Each call compares the stored timestamp with the row's and
/// writes only when the row's is equal or newer, so writers on any number of connections end with the newest row; calls
/// for the same key run in the batch's order; and the server runs the whole batch without interleaving other clients,
/// so readers see all of it or none of it (the shared contract requires that of every backend).
/// </para>
/// <para>
/// A read sends one <c>HMGET</c> per distinct key, inside one <c>MULTI</c>/<c>EXEC</c> when there are several, so they
/// read one moment. Transactions over several keys need one Redis server (or keys in one hash slot): Redis Cluster
/// rejects them, so this store targets a single primary (with replicas and Sentinel as usual).
/// </para>
/// <para>
/// Cancellation is checked before anything is sent. Redis commands cannot be cancelled once sent: a call that has sent
/// its commands waits for their replies, bounded by the multiplexer's timeouts (<c>asyncTimeout</c>).
/// </para>
/// <para>Safe to use from several threads; the multiplexer pipelines concurrent calls on its connection.</para>
/// </remarks>
public sealed class RedisOnlineStore : IOnlineStore, IDisposable
{
    private static readonly RedisOnlineStoreOptionsValidator s_validator = new();

    private readonly IConnectionMultiplexer _multiplexer;
    private readonly bool _ownsMultiplexer;
    private int _disposed;

    /// <summary>Creates a store over a multiplexer that the caller owns: disposing the store leaves it open.</summary>
    /// <param name="multiplexer">The connection to Redis; the store uses its default database.</param>
    /// <param name="options">The options; defaults when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="multiplexer"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid (a null key prefix).</exception>
    public RedisOnlineStore(IConnectionMultiplexer multiplexer, RedisOnlineStoreOptions? options = null)
        : this(multiplexer, options, ownsMultiplexer: false)
    {
    }

    internal RedisOnlineStore(IConnectionMultiplexer multiplexer, RedisOnlineStoreOptions? options, bool ownsMultiplexer)
    {
        ArgumentNullException.ThrowIfNull(multiplexer);
        _multiplexer = multiplexer;
        _ownsMultiplexer = ownsMultiplexer;
        KeyPrefix = Validate(options).KeyPrefix;
    }

    /// <summary>Gets the text that starts every key of this store.</summary>
    public string KeyPrefix { get; }

    /// <summary>
    /// Connects to Redis and opens a store that owns the connection: disposing the store closes it.
    /// </summary>
    /// <param name="configuration">
    /// The StackExchange.Redis configuration string, e.g. <c>redis:6379,password=...,defaultDatabase=2</c>.
    /// </param>
    /// <param name="options">The options; defaults when null.</param>
    /// <returns>The open store.</returns>
    /// <exception cref="ArgumentException">The configuration is empty, or the options are invalid.</exception>
    /// <exception cref="RedisConnectionException">
    /// No server could be reached (unless the configuration says <c>abortConnect=false</c>, which connects in the background).
    /// </exception>
    public static async ValueTask<RedisOnlineStore> ConnectAsync(string configuration, RedisOnlineStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        Validate(options);
        ConnectionMultiplexer multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
        return new RedisOnlineStore(multiplexer, options, ownsMultiplexer: true);
    }

    /// <inheritdoc/>
    /// <exception cref="RedisException">The server failed or rejected a call, or a call timed out; some rows may be stored.</exception>
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

        string viewPrefix = RedisRowLayout.ViewPrefix(KeyPrefix, view.Name);
        var keys = new RedisKey[encoded.Length][];
        var arguments = new RedisValue[encoded.Length][];
        for (int i = 0; i < encoded.Length; i++)
        {
            keys[i] = [RedisRowLayout.Key(viewPrefix, encoded[i].Key)];
            arguments[i] = [RedisRowLayout.EncodeTimestamp(encoded[i].EventTicks), encoded[i].Values];
        }

        // The last point at which nothing has been sent.
        cancellationToken.ThrowIfCancellationRequested();
        // One MULTI/EXEC: the server runs the whole batch without interleaving any other client's command, so a reader
        // (whose reads are one MULTI/EXEC too) sees all of the batch or none of it.
        ITransaction transaction = _multiplexer.GetDatabase().CreateTransaction();
        var applied = new Task<RedisResult>[encoded.Length];
        for (int i = 0; i < applied.Length; i++)
        {
            // Plain EVAL, never EVALSHA: the server keeps the compiled script under its hash, so a call costs the
            // script's bytes and hashing them, and no call can meet NOSCRIPT. On StackExchange.Redis 2.7.27 a batched
            // EVALSHA that meets NOSCRIPT (after a server restart or SCRIPT FLUSH) never completes, not even by timeout.
            applied[i] = transaction.ScriptEvaluateAsync(RedisRowLayout.WriteScript, keys[i], arguments[i], CommandFlags.NoScriptCache);
        }

        await transaction.ExecuteAsync().ConfigureAwait(false);
        await Task.WhenAll(applied).ConfigureAwait(false);
        int written = 0;
        foreach (Task<RedisResult> call in applied)
        {
            written += (int)call.Result;
        }

        return new OnlineWriteResult(written, encoded.Length - written);
    }

    /// <inheritdoc/>
    /// <exception cref="RedisException">The server failed or rejected a call, or a call timed out.</exception>
    /// <exception cref="InvalidDataException">A key holds a hash that this store did not write.</exception>
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

        // A repeated key is read once; slotOf maps each key to its read.
        var slotOf = new Dictionary<byte[], int>(encodedKeys.Length, EncodedKeyComparer.Instance);
        var distinct = new List<RedisKey>(encodedKeys.Length);
        string viewPrefix = RedisRowLayout.ViewPrefix(KeyPrefix, view.Name);
        foreach (byte[] key in encodedKeys)
        {
            if (slotOf.TryAdd(key, distinct.Count))
            {
                distinct.Add(RedisRowLayout.Key(viewPrefix, key));
            }
        }

        var found = new StoredOnlineRow?[distinct.Count];
        if (distinct.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // One key is one command; several keys read in one MULTI/EXEC, so that they come from one moment.
            var reads = new Task<RedisValue[]>[distinct.Count];
            IDatabase database = _multiplexer.GetDatabase();
            if (reads.Length == 1)
            {
                reads[0] = database.HashGetAsync(distinct[0], RedisRowLayout.ReadFields);
            }
            else
            {
                ITransaction transaction = database.CreateTransaction();
                for (int i = 0; i < reads.Length; i++)
                {
                    reads[i] = transaction.HashGetAsync(distinct[i], RedisRowLayout.ReadFields);
                }

                await transaction.ExecuteAsync().ConfigureAwait(false);
            }

            await Task.WhenAll(reads).ConfigureAwait(false);
            for (int i = 0; i < reads.Length; i++)
            {
                found[i] = RedisRowLayout.TryDecode(distinct[i], reads[i].Result, out StoredOnlineRow row) ? row : null;
            }
        }

        var rows = new StoredOnlineRow?[encodedKeys.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = found[slotOf[encodedKeys[i]]];
        }

        return OnlineRowCodec.Decode(view, keys, rows, now);
    }

    /// <summary>
    /// Marks the store disposed (later calls throw <see cref="ObjectDisposedException"/>) and, if the store owns its
    /// multiplexer, closes it after the commands already sent complete. A multiplexer passed to the constructor stays open.
    /// </summary>
    /// <returns>A task that completes when the store is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || !_ownsMultiplexer)
        {
            return;
        }

        await _multiplexer.CloseAsync(allowCommandsToComplete: true).ConfigureAwait(false);
        await _multiplexer.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Disposes the store synchronously, as <see cref="DisposeAsync"/> does.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || !_ownsMultiplexer)
        {
            return;
        }

        _multiplexer.Close(allowCommandsToComplete: true);
        _multiplexer.Dispose();
    }

    /// <inheritdoc/>
    public override string ToString() => $"RedisOnlineStore({KeyPrefix})";

    private static RedisOnlineStoreOptions Validate(RedisOnlineStoreOptions? options)
    {
        options ??= new RedisOnlineStoreOptions();
        ValidateOptionsResult result = s_validator.Validate(name: null, options);
        return result.Failed
            ? throw new ArgumentException($"The Redis online store options are invalid: {result.FailureMessage}", nameof(options))
            : options;
    }
}
