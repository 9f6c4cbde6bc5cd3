using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Definitions;
using Ml.Sdk.FeatureStore.Online;
using StackExchange.Redis;

namespace Ml.Sdk.FeatureStore.Benchmarks;

/// <summary>
/// One online read of 1 entity × 50 Float64 features on Redis through the feature service path, against a raw
/// StackExchange.Redis <c>HMGET</c> of the same hash on the same connection in the same run (the bytes only, no
/// decoding): what the store adds to the round trip. A private redis-server (installed by eng/bootstrap.sh) runs on a
/// free local port. The cleanup prints p50 and p99 of single calls; <see cref="Interleaved"/> alternates the two in one
/// process, which is the comparison to trust on a noisy machine.
/// </summary>
/// <remarks>Run by hand: <c>dotnet run -c Release --project benchmarks/Ml.Sdk.FeatureStore.Benchmarks -- --filter '*RedisOnlineRead*'</c>.</remarks>
[MemoryDiagnoser]
public class RedisOnlineReadBenchmarks
{
    private const int Entities = 10_000;
    private const int Features = 50;

    private readonly LatencyRecorder _storeLatency = new(4_000_000);
    private readonly LatencyRecorder _rawLatency = new(4_000_000);
    private Process? _server;
    private ConnectionMultiplexer? _multiplexer;
    private RedisOnlineStore? _store;
    private OnlineFeatureRetriever? _retriever;
    private RegisteredFeatureService? _service;
    private EntityKey[][] _keys = [];
    private RedisKey[] _rawKeys = [];
    private RedisValue[] _fields = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        int port = FreePort();
        _server = Process.Start(new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start; run eng/bootstrap.sh.");
        for (int attempt = 0; _multiplexer is null; attempt++)
        {
            try
            {
                _multiplexer = ConnectionMultiplexer.Connect($"127.0.0.1:{port}");
            }
            catch (RedisConnectionException) when (attempt < 50)
            {
                Thread.Sleep(100);
            }
        }

        var catalog = new FeatureCatalog();
        catalog.Register(new Entity("customer", new Field("customer_id", FeatureValueType.Int64)));
        RegisteredFeatureView view = catalog.Register(new FeatureView(
            "wide", ["customer"], Enumerable.Range(0, Features).Select(i => new Field($"f{i}", FeatureValueType.Float64)), FeatureSource.Ingested()));
        _service = catalog.Register(new FeatureService("wide_service", new FeatureProjection("wide")));
        _store = new RedisOnlineStore(_multiplexer);
        _retriever = new OnlineFeatureRetriever(_store);
        var random = new Random(3);
        var now = DateTimeOffset.UtcNow;
        var rows = new List<OnlineFeatureRow>();
        for (long customer = 0; customer < Entities; customer++)
        {
            rows.Add(new OnlineFeatureRow([customer], now, [.. Enumerable.Range(0, Features).Select(_ => (object?)random.NextDouble())]));
        }

        _store.WriteAsync(view, rows).AsTask().GetAwaiter().GetResult();
        long[] customers = [.. Enumerable.Range(0, 4096).Select(_ => (long)random.Next(Entities))];
        _keys = [.. customers.Select(c => new[] { new EntityKey(c) })];

        // The raw baseline reads hashes the store wrote (the same data), picked at random the same way.
        IServer server = _multiplexer.GetServer(_multiplexer.GetEndPoints()[0]);
        RedisKey[] written = [.. server.Keys(pattern: _store.KeyPrefix + "*", pageSize: 1000)];
        _fields = [.. _multiplexer.GetDatabase().HashKeys(written[0])];
        _rawKeys = [.. Enumerable.Range(0, 4096).Select(_ => written[random.Next(written.Length)])];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _storeLatency.Report("RedisStoreRead (1 entity x 50 features)");
        _rawLatency.Report("RawHmget (same hash)");
        _store?.Dispose();
        _multiplexer?.Dispose();
        _server?.Kill();
        _server?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public async Task<int> RawHmget()
    {
        RedisKey key = _rawKeys[_next++ & 4095];
        long start = LatencyRecorder.Start();
        RedisValue[] values = await _multiplexer!.GetDatabase().HashGetAsync(key, _fields);
        _rawLatency.Stop(start);
        return values.Length;
    }

    [Benchmark]
    public async Task<int> RedisStoreRead()
    {
        EntityKey[] key = _keys[_next++ & 4095];
        long start = LatencyRecorder.Start();
        OnlineFeatureBatch batch = await _retriever!.GetOnlineFeaturesAsync(_service!, key);
        _storeLatency.Stop(start);
        return batch.Rows;
    }

    /// <summary>
    /// One store read and one raw read of another random entity, alternating in the same process, so that noise on this
    /// shared machine hits both alike: the cleanup's p50 and p99 of the two are the comparison to read.
    /// </summary>
    [Benchmark]
    public async Task<int> Interleaved()
    {
        int i = _next++ & 4095;
        long start = LatencyRecorder.Start();
        OnlineFeatureBatch batch = await _retriever!.GetOnlineFeaturesAsync(_service!, _keys[i]);
        _storeLatency.Stop(start);
        start = LatencyRecorder.Start();
        RedisValue[] values = await _multiplexer!.GetDatabase().HashGetAsync(_rawKeys[i], _fields);
        _rawLatency.Stop(start);
        return batch.Rows + values.Length;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
