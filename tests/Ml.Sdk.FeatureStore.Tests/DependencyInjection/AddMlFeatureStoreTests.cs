using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Ml.Sdk.FeatureStore.Definitions;
using Ml.Sdk.FeatureStore.Offline;
using Ml.Sdk.FeatureStore.Online;

namespace Ml.Sdk.FeatureStore.Tests.DependencyInjection;

public sealed class AddMlFeatureStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _root = Directory.CreateTempSubdirectory("mlsdk-fs-di-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task AddMlFeatureStore_EndToEnd_IngestsTrainsMaterializesAndServes()
    {
        using IHost host = Host.CreateDefaultBuilder().ConfigureServices(services =>
            services.AddMlFeatureStore(o => o.RootPath = _root)
                .AddEntity(new Entity("customer", new Field("customer_id", FeatureValueType.Int64)))
                .AddFeatureView(new FeatureView("customer_stats", ["customer"], [new Field("spend", FeatureValueType.Float64)], FeatureSource.Ingested()))
                .AddFeatureService(new FeatureService("fraud_v1", new FeatureProjection("customer_stats")))).Build();
        await host.StartAsync();
        IFeatureStore store = host.Services.GetRequiredService<IFeatureStore>();

        await store.IngestAsync("customer_stats", [new OfflineFeatureRow([1L], T0, [5.0]), new OfflineFeatureRow([1L], T0.AddDays(1), [7.0])]);
        await using (HistoricalFeatures training = await store.GetHistoricalFeaturesAsync(
            new EntityRows(new Field("customer_id", FeatureValueType.Int64)).Add(T0.AddHours(1), 1L), "fraud_v1"))
        {
            await foreach (object?[] row in training.ReadRowsAsync())
            {
                Assert.Equal(5.0, row[2]);
            }
        }

        await store.MaterializeIncrementalAsync(T0.AddDays(2));
        OnlineFeatureBatch online = await store.GetOnlineFeaturesAsync("fraud_v1", [new EntityKey(1L), new EntityKey(2L)]);

        Assert.Equal(7.0, online.GetValue(0, 0));
        Assert.Equal(FeatureValueStatus.Missing, online.GetStatus(1, 0));
        Assert.True(File.Exists(Path.Combine(_root, "offline.duckdb")));
        Assert.True(File.Exists(Path.Combine(_root, "online.db")));
        await host.StopAsync();
    }

    [Fact]
    public async Task AddMlFeatureStore_InvalidDefinition_FailsTheHostStart()
    {
        using IHost host = Host.CreateDefaultBuilder().ConfigureServices(services =>
            services.AddMlFeatureStore(o => o.RootPath = _root)
                .AddFeatureView(new FeatureView("v", ["nobody"], [new Field("a", FeatureValueType.Int64)], FeatureSource.Ingested()))).Build();

        FeatureDefinitionException error = await Assert.ThrowsAsync<FeatureDefinitionException>(() => host.StartAsync());
        Assert.Contains("unknown entity 'nobody'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddMlFeatureStore_InvalidOptions_FailTheHostStart()
    {
        using IHost host = Host.CreateDefaultBuilder().ConfigureServices(services =>
            services.AddMlFeatureStore(o => o.MaterializationChunkSize = 0)).Build();

        await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }

    [Fact]
    public void AddMlFeatureStore_Twice_RegistersOneOfEach()
    {
        var services = new ServiceCollection();
        services.AddMlFeatureStore();
        services.AddMlFeatureStore();

        Assert.Single(services, d => d.ServiceType == typeof(IFeatureStore));
        Assert.Single(services, d => d.ServiceType == typeof(IOnlineStore));
        Assert.Single(services, d => d.ServiceType == typeof(IHostedService));
    }
}
