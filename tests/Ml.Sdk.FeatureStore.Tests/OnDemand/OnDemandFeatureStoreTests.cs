using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Ml.Sdk.FeatureStore.Definitions;
using Ml.Sdk.FeatureStore.Offline;
using Ml.Sdk.FeatureStore.Online;
using static Ml.Sdk.FeatureStore.Tests.OnDemand.OnDemandDefinitions;

namespace Ml.Sdk.FeatureStore.Tests.OnDemand;

/// <summary>On-demand features through <see cref="IFeatureStore"/>, defined with the DI builder: training and serving agree.</summary>
public sealed class OnDemandFeatureStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _root = Directory.CreateTempSubdirectory("mlsdk-fs-odfv-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task FeatureStore_OnDemandService_TrainingAndServingComputeTheSameValue()
    {
        using IHost host = Host.CreateDefaultBuilder().ConfigureServices(services =>
            services.AddMlFeatureStore(o => o.RootPath = _root)
                .AddEntity(new Entity("customer", new Field("customer_id", FeatureValueType.Int64)))
                .AddFeatureView(new FeatureView("customer_stats", ["customer"], [new Field("spend", FeatureValueType.Float64)], FeatureSource.Ingested()))
                .AddOnDemandFeatureView(SpendRatio())
                .AddFeatureService(new FeatureService("fraud_v2", new FeatureProjection("customer_stats", "spend"), new FeatureProjection("spend_ratio", "ratio")))).Build();
        await host.StartAsync();
        IFeatureStore store = host.Services.GetRequiredService<IFeatureStore>();
        await store.IngestAsync("customer_stats", [new OfflineFeatureRow([1L], T0, [9.0])]);

        var training = new List<object?[]>();
        await using (HistoricalFeatures set = await store.GetHistoricalFeaturesAsync(
            new EntityRows(new Field("customer_id", FeatureValueType.Int64), Amount).Add(T0.AddHours(1), 1L, 3.0), "fraud_v2"))
        {
            await foreach (object?[] row in set.ReadRowsAsync())
            {
                training.Add(row);
            }
        }

        await store.MaterializeIncrementalAsync(T0.AddDays(1));
        OnlineFeatureBatch online = await store.GetOnlineFeaturesAsync("fraud_v2", [new EntityKey(1L)], new OnDemandRequest(Amount).Add(3.0));

        Assert.Equal([1L, 3.0, T0.AddHours(1), 9.0, 3.0], Assert.Single(training));
        Assert.Equal(9.0, online.GetValue(0, 0));
        Assert.Equal(3.0, online.GetValue(0, 1));
        await host.StopAsync();
    }
}
