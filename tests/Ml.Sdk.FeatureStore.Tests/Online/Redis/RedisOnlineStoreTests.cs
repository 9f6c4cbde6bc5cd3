using System.Buffers.Binary;
using System.Buffers.Text;
using Ml.Sdk.FeatureStore.Online;
using Ml.Sdk.FeatureStore.Online.Internal;
using Ml.Sdk.FeatureStore.Tests.TestSupport;
using StackExchange.Redis;
using static Ml.Sdk.FeatureStore.Tests.Online.OnlineTestCatalog;

namespace Ml.Sdk.FeatureStore.Tests.Online.Redis;

/// <summary>
/// The shared contract against a real redis-server of this class's own (each test under a key prefix of its own), and
/// what only the Redis store promises: ownership of the multiplexer, prefixes, the key layout, and the Lua conflict rule
/// across connections.
/// </summary>
public sealed class RedisOnlineStoreTests(RedisTestServer server) : OnlineStoreContractTests, IClassFixture<RedisTestServer>
{
    private readonly string _prefix = $"test:{Guid.NewGuid():N}:";

    protected override async ValueTask<IOnlineStore> CreateStoreAsync() =>
        await RedisOnlineStore.ConnectAsync(server.Configuration, new RedisOnlineStoreOptions { KeyPrefix = _prefix });

    [Fact]
    public async Task DisposeAsync_MultiplexerPassedIn_StaysOpenAndUsable()
    {
        await using ConnectionMultiplexer multiplexer = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        var store = new RedisOnlineStore(multiplexer, new RedisOnlineStoreOptions { KeyPrefix = _prefix });
        await store.WriteAsync(Views.NoTtl, [Score(1, T0, 0.5)]);

        await store.DisposeAsync();
        store.Dispose();

        Assert.True(multiplexer.IsConnected);
        Assert.True(await multiplexer.GetDatabase().KeyExistsAsync(KeyOf(_prefix, "no_ttl", Customer(1))));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.ReadAsync(Views.NoTtl, [Customer(1)], T0));
        await using var other = new RedisOnlineStore(multiplexer, new RedisOnlineStoreOptions { KeyPrefix = _prefix });
        Assert.Equal(0.5, (await other.ReadAsync(Views.NoTtl, [Customer(1)], T0)).GetValue(0, 0));
    }

    [Fact]
    public async Task DisposeAsync_StoreFromConnectAsync_ClosesItsConnections()
    {
        string clientName = "owned-" + Guid.NewGuid().ToString("N");
        RedisOnlineStore store = await RedisOnlineStore.ConnectAsync(server.Configuration + ",name=" + clientName);
        await using ConnectionMultiplexer observer = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        IServer redis = observer.GetServer(observer.GetEndPoints()[0]);
        int before = (await redis.ClientListAsync()).Count(c => c.Name == clientName);

        await store.DisposeAsync();

        int after = int.MaxValue;
        for (int attempt = 0; attempt < 100 && after > 0; attempt++)
        {
            await Task.Delay(20);
            after = (await redis.ClientListAsync()).Count(c => c.Name == clientName);
        }

        Assert.True(before > 0, "The owned multiplexer should have been connected under its client name.");
        Assert.Equal(0, after);
    }

    [Fact]
    public async Task TwoStoresWithDifferentPrefixes_DoNotSeeEachOthersRows()
    {
        await using RedisOnlineStore other = await RedisOnlineStore.ConnectAsync(server.Configuration, new RedisOnlineStoreOptions { KeyPrefix = _prefix + "other:" });

        await Store.WriteAsync(Views.NoTtl, [Score(1, T0, 0.5)]);
        OnlineWriteResult olderElsewhere = await other.WriteAsync(Views.NoTtl, [Score(1, T0.AddDays(-1), 1.5), Score(2, T0, 2.5)]);

        OnlineReadResult mine = await Store.ReadAsync(Views.NoTtl, [Customer(1), Customer(2)], T0);
        OnlineReadResult theirs = await other.ReadAsync(Views.NoTtl, [Customer(1), Customer(2)], T0);
        Assert.Equal(new OnlineWriteResult(2, 0), olderElsewhere);
        Assert.Equal([0.5, 7, null, null], ValuesOf(mine));
        Assert.Equal([1.5, 7, 2.5, 7], ValuesOf(theirs));
    }

    [Fact]
    public async Task ReadAsync_RowsWrittenByAnotherStoreOnTheSameServer_ReadBackAndKeepTheConflictRule()
    {
        await Store.WriteAsync(Views.AllTypes, [new OnlineFeatureRow(Customer(1), T0, 1, 2L, float.NaN, -0.0d, true, "zwölf")]);
        await using RedisOnlineStore other = await RedisOnlineStore.ConnectAsync(server.Configuration, new RedisOnlineStoreOptions { KeyPrefix = _prefix });

        OnlineReadResult read = await other.ReadAsync(Views.AllTypes, [Customer(1)], T0);
        OnlineWriteResult stale = await other.WriteAsync(Views.AllTypes, [new OnlineFeatureRow(Customer(1), T0.AddTicks(-1), 9, 9L, 9f, 9d, false, "x")]);

        Assert.Equal(new OnlineWriteResult(0, 1), stale);
        Assert.Equal([1, 2L, float.NaN, -0.0d, true, "zwölf"], ValuesOf(read));
        Assert.True(double.IsNegative((double)read.GetValue(0, 3)!));
        Assert.Equal(T0, read.GetEventTimestamp(0));
    }

    [Fact]
    public async Task WriteAsync_RacingStoresOnSeparateConnections_EndWithTheNewestRow()
    {
        const int Writers = 4;
        const int Steps = 40;
        RedisOnlineStore[] stores = await Task.WhenAll(Enumerable.Range(0, Writers).Select(async _ =>
            await RedisOnlineStore.ConnectAsync(server.Configuration, new RedisOnlineStoreOptions { KeyPrefix = _prefix })));
        try
        {
            // Every writer sends the same key every timestamp it owns, newest and oldest interleaved, on its own connection.
            OnlineWriteResult[][] results = await Task.WhenAll(stores.Select((store, writer) => Task.Run(async () =>
            {
                var random = new Random(99 + writer);
                int[] steps = [.. Enumerable.Range(0, Steps)];
                random.Shuffle(steps);
                var mine = new List<OnlineWriteResult>();
                foreach (int step in steps)
                {
                    int stamp = (step * Writers) + writer;
                    mine.Add(await store.WriteAsync(Views.NoTtl, [Score(1, T0.AddTicks(stamp), stamp, writer)]));
                }

                return mine.ToArray();
            })));

            OnlineReadResult read = await Store.ReadAsync(Views.NoTtl, [Customer(1)], T0);
            int newest = (Writers * Steps) - 1;
            Assert.Equal((double)newest, read.GetValue(0, 0));
            Assert.Equal(newest % Writers, read.GetValue(0, 1));
            Assert.Equal(T0.AddTicks(newest), read.GetEventTimestamp(0));
            OnlineWriteResult[] all = [.. results.SelectMany(r => r)];
            Assert.Equal(Writers * Steps, all.Sum(r => r.Written + r.SkippedAsStale));
            Assert.Contains(all, r => r.SkippedAsStale == 1);
        }
        finally
        {
            foreach (RedisOnlineStore store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task WriteAsync_StoresOneHashPerViewAndKeyWithBigEndianTicksAndEncodedValues()
    {
        await Store.WriteAsync(Views.NoTtl, [Score(42, new DateTimeOffset(2026, 3, 1, 14, 0, 0, TimeSpan.FromHours(2)), 0.5, 3)]);

        await using ConnectionMultiplexer raw = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        IServer redis = raw.GetServer(raw.GetEndPoints()[0]);
        RedisKey[] keys = [.. redis.Keys(pattern: _prefix + "*")];
        HashEntry[] fields = await raw.GetDatabase().HashGetAllAsync(KeyOf(_prefix, "no_ttl", Customer(42)));
        Assert.Equal([KeyOf(_prefix, "no_ttl", Customer(42))], keys);
        Assert.Equal(["ts", "v"], fields.Select(f => f.Name.ToString()).Order(StringComparer.Ordinal));
        byte[] ts = fields.Single(f => f.Name == "ts").Value!;
        Assert.Equal(T0.UtcTicks, BinaryPrimitives.ReadInt64BigEndian(ts));
        Assert.Equal(8, ts.Length);
        byte[] values = fields.Single(f => f.Name == "v").Value!;
        Assert.Equal(FeatureValueEncoding.Encode(FeatureValueEncoding.NamesOf(Views.NoTtl.View.Features), [0.5, 3]), values);
    }

    [Fact]
    public async Task WriteAsync_AfterScriptFlush_StillAppliesTheRule()
    {
        await Store.WriteAsync(Views.NoTtl, [Score(1, T0, 0.5)]);
        await using ConnectionMultiplexer admin = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        await admin.GetServer(admin.GetEndPoints()[0]).ScriptFlushAsync();

        OnlineWriteResult result = await Store.WriteAsync(Views.NoTtl, [Score(1, T0.AddTicks(1), 1.5), Score(1, T0, 2.5)]);

        Assert.Equal(new OnlineWriteResult(1, 1), result);
        Assert.Equal(1.5, (await Store.ReadAsync(Views.NoTtl, [Customer(1)], T0)).GetValue(0, 0));
    }

    [Fact]
    public async Task ReadAsync_KeyHoldingAForeignHash_ThrowsInvalidDataNamingTheKey()
    {
        RedisKey key = KeyOf(_prefix, "no_ttl", Customer(1));
        await using ConnectionMultiplexer raw = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        await raw.GetDatabase().HashSetAsync(key, [new HashEntry("ts", "yesterday"), new HashEntry("v", "x")]);

        InvalidDataException read = await Assert.ThrowsAsync<InvalidDataException>(async () => await Store.ReadAsync(Views.NoTtl, [Customer(1)], T0));
        RedisServerException write = await Assert.ThrowsAsync<RedisServerException>(async () => await Store.WriteAsync(Views.NoTtl, [Score(1, T0, 0.5)]));

        Assert.Contains(key.ToString(), read.Message, StringComparison.Ordinal);
        Assert.Contains("not an Ml.Sdk online row", write.Message, StringComparison.Ordinal);
        Assert.Equal("yesterday", (string?)await raw.GetDatabase().HashGetAsync(key, "ts"));
    }

    [Fact]
    public async Task Constructor_NullKeyPrefix_ThrowsBeforeConnecting()
    {
        await Assert.ThrowsAsync<ArgumentException>(async () => await RedisOnlineStore.ConnectAsync("unreachable.invalid:1", new RedisOnlineStoreOptions { KeyPrefix = null! }));
        Assert.Equal(RedisOnlineStoreOptions.DefaultKeyPrefix, new RedisOnlineStoreOptions().KeyPrefix);
    }

    private static RedisKey KeyOf(string prefix, string view, EntityKey key) =>
        prefix + view + ":" + Base64Url.EncodeToString(EntityKeyEncoding.Encode(key.Values));
}
