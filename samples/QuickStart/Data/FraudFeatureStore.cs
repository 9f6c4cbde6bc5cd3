using Microsoft.Extensions.DependencyInjection;
using Ml.Sdk.FeatureStore;
using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Definitions;
using Ml.Sdk.FeatureStore.Offline;
using Ml.Sdk.FeatureStore.Online;

namespace QuickStart.Data;

/// <summary>
/// The fraud team's feature definitions, written once and added to every host that needs them: the entity
/// <c>customer</c>, the view <c>customer_stats</c> (the customer's mean log amount and transaction count over the 7 days
/// before each day; TTL 7 days) and the service <c>fraud_v1</c> that the model reads.
/// </summary>
public static class FraudFeatureStore
{
    public const string View = "customer_stats";
    public const string Service = "fraud_v1";

    private static readonly TimeSpan Window = TimeSpan.FromDays(7);

    /// <summary>Registers the definitions with a host's feature store.</summary>
    public static IMlFeatureStoreBuilder Define(IMlFeatureStoreBuilder features) => features
        .AddEntity(new Entity("customer", new Field("customer_id", FeatureValueType.Int64)) { Description = "a card holder" })
        .AddFeatureView(new FeatureView(
                View,
                ["customer"],
                [new Field("mean_log_amount_7d", FeatureValueType.Float64), new Field("txn_count_7d", FeatureValueType.Int64)],
                FeatureSource.Ingested())
            { Ttl = Window, Owner = "fraud-team" })
        .AddFeatureService(new FeatureService(Service, new FeatureProjection(View, "mean_log_amount_7d", "txn_count_7d")));

    /// <summary>
    /// The view's history as a batch job would compute it: at the start of every day up to <paramref name="until"/>, per
    /// customer with transactions in the 7 days before, their mean log amount and count.
    /// </summary>
    public static List<OfflineFeatureRow> DailySnapshots(TransactionTable table, DateTimeOffset until)
    {
        DateTimeOffset origin = TransactionGenerator.Start;
        int days = (int)Math.Ceiling((table.Timestamp[^1] - origin).TotalDays) + 1;
        int customers = table.CustomerId.Max() + 1;
        double[] logSum = new double[customers * days];
        int[] count = new int[customers * days];
        for (int i = 0; i < table.Count; i++)
        {
            int day = (int)(table.Timestamp[i] - origin).TotalDays;
            logSum[(table.CustomerId[i] * days) + day] += Math.Log(table.Amount[i]);
            count[(table.CustomerId[i] * days) + day]++;
        }

        var rows = new List<OfflineFeatureRow>();
        int window = (int)Window.TotalDays;
        for (int day = 1; day < days && origin.AddDays(day) <= until; day++)
        {
            for (int customer = 0; customer < customers; customer++)
            {
                double sum = 0;
                int n = 0;
                for (int back = Math.Max(0, day - window); back < day; back++)
                {
                    sum += logSum[(customer * days) + back];
                    n += count[(customer * days) + back];
                }

                if (n > 0)
                {
                    rows.Add(new OfflineFeatureRow([(long)customer], origin.AddDays(day), [sum / n, (long)n]));
                }
            }
        }

        return rows;
    }

    /// <summary>
    /// The point-in-time mean log amount for every transaction (NaN where the customer had no transaction in the 7 days
    /// before that day), from a training set the feature store builds.
    /// </summary>
    public static async Task<double[]> HistoricalMeansAsync(IFeatureStore store, TransactionTable table, CancellationToken cancellationToken)
    {
        var entities = new EntityRows(new Field("customer_id", FeatureValueType.Int64));
        for (int i = 0; i < table.Count; i++)
        {
            entities.Add(table.Timestamp[i], (long)table.CustomerId[i]);
        }

        double[] means = new double[table.Count];
        int row = 0;
        await using HistoricalFeatures training = await store.GetHistoricalFeaturesAsync(entities, Service, cancellationToken);
        await foreach (object?[] values in training.ReadRowsAsync(cancellationToken))
        {
            means[row++] = values[2] is double mean ? mean : double.NaN;
        }

        return means;
    }

    /// <summary>
    /// The online mean log amount of each transaction's customer, read in one batch through <c>fraud_v1</c> as of
    /// <paramref name="replayTime"/> (the payments host replays past traffic, so it reads the store at that time).
    /// </summary>
    public static async Task<(double[] Means, OnlineFeatureBatch Batch)> OnlineMeansAsync(
        IServiceProvider services, TransactionTable table, DateTimeOffset replayTime, CancellationToken cancellationToken)
    {
        RegisteredFeatureService service = services.GetRequiredService<FeatureCatalog>().GetService(Service);
        var retriever = new OnlineFeatureRetriever(services.GetRequiredService<IOnlineStore>(), new ReplayClock(replayTime));
        int customers = table.CustomerId.Max() + 1;
        OnlineFeatureBatch batch = await retriever.GetOnlineFeaturesAsync(
            service, [.. Enumerable.Range(0, customers).Select(c => new EntityKey((long)c))], cancellationToken);
        double[] means = new double[table.Count];
        for (int i = 0; i < table.Count; i++)
        {
            int customer = table.CustomerId[i];
            means[i] = batch.GetStatus(customer, 0) == FeatureValueStatus.Present ? (double)batch.GetValue(customer, 0)! : double.NaN;
        }

        return (means, batch);
    }

    /// <summary>A clock stopped at the replayed time.</summary>
    private sealed class ReplayClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
