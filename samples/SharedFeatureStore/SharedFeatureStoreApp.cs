using System.ComponentModel;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Ml.Sdk.FeatureStore;
using Ml.Sdk.FeatureStore.Definitions;
using Ml.Sdk.FeatureStore.Offline;
using Ml.Sdk.FeatureStore.Online;

namespace SharedFeatureStore;

/// <summary>
/// Two hosts, one Redis online store: the "batch" host ingests customer statistics offline and materializes them; the
/// "serving" host, with its own offline folder, reads them online through the same feature service. Then the batch host
/// materializes newer statistics and an older late write, and the serving host sees the newer values: the store's
/// rule (a write older than the stored row never replaces it) holds across processes and machines.
/// </summary>
public static class SharedFeatureStoreApp
{
    private static readonly DateTimeOffset Day = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        string? configuration = args.Length == 2 && args[0] == "--redis" ? args[1] : null;
        if (args.Length != 0 && configuration is null)
        {
            await output.WriteLineAsync("usage: SharedFeatureStore [--redis host:port]");
            return 2;
        }

        ThrowawayRedis? redis = null;
        try
        {
            if (configuration is null)
            {
                redis = await ThrowawayRedis.StartAsync();
                configuration = redis.Configuration;
            }
        }
        catch (Win32Exception)
        {
            await output.WriteLineAsync("redis-server was not found: run eng/bootstrap.sh, or pass --redis host:port.");
            return 1;
        }

        string root = Directory.CreateTempSubdirectory("mlsdk-shared-fs-").FullName;
        try
        {
            using IHost batch = BuildHost(Path.Combine(root, "batch"), configuration);
            using IHost serving = BuildHost(Path.Combine(root, "serving"), configuration);
            await batch.StartAsync();
            await serving.StartAsync();
            IFeatureStore batchStore = batch.Services.GetRequiredService<IFeatureStore>();
            IFeatureStore servingStore = serving.Services.GetRequiredService<IFeatureStore>();
            EntityKey[] customers = [new EntityKey(1L), new EntityKey(2L), new EntityKey(3L)];

            await batchStore.IngestAsync("customer_stats", [Stats(1, Day, 40.0), Stats(2, Day, 25.0)]);
            await batchStore.MaterializeIncrementalAsync(Day.AddHours(1));
            OnlineFeatureBatch first = await servingStore.GetOnlineFeaturesAsync("fraud_v1", customers);
            await output.WriteLineAsync($"serving host reads what the batch host materialized: {Describe(first)}");

            // A newer day, then a late row for customer 1 stamped before what Redis holds: it must not win.
            await batchStore.IngestAsync("customer_stats", [Stats(1, Day.AddDays(1), 55.0), Stats(3, Day.AddDays(1), 10.0)]);
            await batchStore.MaterializeIncrementalAsync(Day.AddDays(1).AddHours(1));
            await batchStore.IngestAsync("customer_stats", [Stats(1, Day.AddHours(12), 99.0)]);
            var late = await batchStore.MaterializeAsync(Day.AddHours(2), Day.AddHours(13));
            OnlineFeatureBatch second = await servingStore.GetOnlineFeaturesAsync("fraud_v1", customers);
            await output.WriteLineAsync($"after a newer day and a late older write: {Describe(second)} ({late.Sum(p => p.RowsSkippedAsStale)} stale row(s) kept out)");

            bool ok = first.GetValue(0, 0) is 40.0 && first.GetStatus(2, 0) == FeatureValueStatus.Missing
                && second.GetValue(0, 0) is 55.0 && second.GetValue(2, 0) is 10.0 && late.Sum(p => p.RowsSkippedAsStale) == 1;
            await output.WriteLineAsync(ok ? "SharedFeatureStore succeeded" : "SharedFeatureStore FAILED");
            await batch.StopAsync();
            await serving.StopAsync();
            return ok ? 0 : 1;
        }
        finally
        {
            redis?.Dispose();
            Directory.Delete(root, recursive: true);
        }
    }

    private static IHost BuildHost(string root, string redis)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddMlFeatureStore(o => o.RootPath = root)
            .AddEntity(new Entity("customer", new Field("customer_id", FeatureValueType.Int64)))
            .AddFeatureView(new FeatureView("customer_stats", ["customer"], [new Field("spend_7d", FeatureValueType.Float64)], FeatureSource.Ingested()))
            .AddFeatureService(new FeatureService("fraud_v1", new FeatureProjection("customer_stats")));

        // Replaces the embedded SQLite online store: both hosts now share one.
        builder.Services.AddRedisOnlineStore(redis, o => o.KeyPrefix = "sample:fs:");
        return builder.Build();
    }

    private static OfflineFeatureRow Stats(long customer, DateTimeOffset at, double spend) => new([customer], at, [spend]);

    private static string Describe(OnlineFeatureBatch batch) => string.Join(", ", Enumerable.Range(0, batch.Rows).Select(row =>
        string.Create(CultureInfo.InvariantCulture, $"customer {row + 1}: {(batch.GetStatus(row, 0) == FeatureValueStatus.Present ? batch.GetValue(row, 0) : batch.GetStatus(row, 0))}")));
}
