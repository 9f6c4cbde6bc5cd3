using BenchmarkDotNet.Attributes;
using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Definitions;
using Ml.Sdk.FeatureStore.Online;

namespace Ml.Sdk.FeatureStore.Benchmarks;

/// <summary>
/// One online read of 1 entity × 50 Float64 features through the feature service path (the retriever over the store),
/// from 10,000 stored entities, keys drawn at random. The cleanup prints p50 and p99 of single calls.
/// </summary>
/// <remarks>Run by hand: <c>dotnet run -c Release --project benchmarks/Ml.Sdk.FeatureStore.Benchmarks -- --filter '*OnlineRead*'</c>.</remarks>
[MemoryDiagnoser]
public class OnlineReadBenchmarks
{
    private const int Entities = 10_000;
    private const int Features = 50;

    private readonly LatencyRecorder _sqliteLatency = new(4_000_000);
    private string _folder = string.Empty;
    private SqliteOnlineStore? _sqlite;
    private OnlineFeatureRetriever? _retriever;
    private RegisteredFeatureService? _service;
    private EntityKey[][] _keys = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("mlsdk-online-").FullName;
        var catalog = new FeatureCatalog();
        catalog.Register(new Entity("customer", new Field("customer_id", FeatureValueType.Int64)));
        RegisteredFeatureView view = catalog.Register(new FeatureView(
            "wide", ["customer"], Enumerable.Range(0, Features).Select(i => new Field($"f{i}", FeatureValueType.Float64)), FeatureSource.Ingested()));
        _service = catalog.Register(new FeatureService("wide_service", new FeatureProjection("wide")));
        _sqlite = SqliteOnlineStore.OpenAsync(Path.Combine(_folder, "online.db")).AsTask().GetAwaiter().GetResult();
        _retriever = new OnlineFeatureRetriever(_sqlite);
        var random = new Random(3);
        var now = DateTimeOffset.UtcNow;
        var rows = new List<OnlineFeatureRow>();
        for (long customer = 0; customer < Entities; customer++)
        {
            rows.Add(new OnlineFeatureRow([customer], now, [.. Enumerable.Range(0, Features).Select(_ => (object?)random.NextDouble())]));
        }

        _sqlite.WriteAsync(view, rows).AsTask().GetAwaiter().GetResult();
        _keys = [.. Enumerable.Range(0, 4096).Select(_ => new[] { new EntityKey((long)random.Next(Entities)) })];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sqliteLatency.Report("SqliteRead (1 entity x 50 features)");
        _sqlite?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public async Task<int> SqliteRead()
    {
        EntityKey[] key = _keys[_next++ & 4095];
        long start = LatencyRecorder.Start();
        OnlineFeatureBatch batch = await _retriever!.GetOnlineFeaturesAsync(_service!, key);
        _sqliteLatency.Stop(start);
        return batch.Rows;
    }
}
