using Microsoft.Extensions.Time.Testing;
using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Definitions;
using Ml.Sdk.FeatureStore.Offline;

namespace Ml.Sdk.FeatureStore.Tests.Offline;

/// <summary>A DuckDB offline store in a temporary folder with a catalog holding customer and merchant views.</summary>
internal sealed class OfflineStoreFixture : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public OfflineStoreFixture(string? memoryLimit = null)
    {
        Folder = Directory.CreateTempSubdirectory("mlsdk-offline-").FullName;
        Clock = new FakeTimeProvider(T0.AddYears(1));
        Store = new DuckDbOfflineStore(new DuckDbOfflineStoreOptions { DatabasePath = Path.Combine(Folder, "offline.duckdb"), MemoryLimit = memoryLimit, Threads = 2 }, Clock);
        Catalog.Register(new Entity("customer", new Field("customer_id", FeatureValueType.Int64)));
        Catalog.Register(new Entity("merchant", new Field("merchant", FeatureValueType.String)));
    }

    public string Folder { get; }

    public FakeTimeProvider Clock { get; }

    public DuckDbOfflineStore Store { get; }

    public FeatureCatalog Catalog { get; } = new();

    public RegisteredFeatureView RegisterCustomerStats(TimeSpan? ttl = null, FeatureSource? source = null) => Catalog.Register(
        new FeatureView(
            "customer_stats",
            ["customer"],
            [new Field("spend", FeatureValueType.Float64), new Field("count", FeatureValueType.Int32)],
            source ?? FeatureSource.Ingested())
        { Ttl = ttl });

    public RegisteredFeatureView RegisterMerchantRisk() => Catalog.Register(
        new FeatureView("merchant_risk", ["merchant"], [new Field("risk", FeatureValueType.Float32), new Field("flagged", FeatureValueType.Bool)], FeatureSource.Ingested()));

    public static OfflineFeatureRow Row(long customer, int minutes, double spend, int count, int? createdMinutes = null) =>
        new([customer], T0.AddMinutes(minutes), [spend, count], createdMinutes is { } c ? T0.AddMinutes(c) : null);

    public static async Task<List<object?[]>> ReadAll(HistoricalFeatures features)
    {
        var rows = new List<object?[]>();
        await foreach (object?[] row in features.ReadRowsAsync())
        {
            rows.Add(row);
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
