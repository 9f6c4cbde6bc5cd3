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
/// before each day; TTL 7 days), the on-demand view <c>amount_vs_customer</c> (the transaction's log amount minus that
/// mean, computed from the request's amount when read) and the service <c>fraud_v1</c> that the model reads.
/// </summary>
public static class FraudFeatureStore
{
    public const string View = "customer_stats";
    public const string Service = "fraud_v1";
    public const string OnDemandView = "amount_vs_customer";

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
        .AddOnDemandFeatureView(new OnDemandFeatureView(
            OnDemandView,
            sources: [new FeatureProjection(View, "mean_log_amount_7d")],
            requestFields: [new Field("amount", FeatureValueType.Float64)],
            outputs: [new Field("log_amount_vs_customer", FeatureValueType.Float64)],
            transform: static (input, output) => output.Set(
                "log_amount_vs_customer",
                input.IsMissing("mean_log_amount_7d") ? null : Math.Log(input.GetDouble("amount")) - input.GetDouble("mean_log_amount_7d"))))
        .AddFeatureService(new FeatureService(
            Service,
            new FeatureProjection(View, "mean_log_amount_7d", "txn_count_7d"),
            new FeatureProjection(OnDemandView, "log_amount_vs_customer")));

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
    /// The point-in-time <c>log_amount_vs_customer</c> of every transaction (NaN where the customer had no transaction in
    /// the 7 days before that day), from the training set the feature store builds: the stored statistic as of the
    /// transaction's day, and the on-demand view applied to the transaction's amount.
    /// </summary>
    public static async Task<double[]> HistoricalAsync(IFeatureStore store, TransactionTable table, CancellationToken cancellationToken)
    {
        var entities = new EntityRows(new Field("customer_id", FeatureValueType.Int64), new Field("amount", FeatureValueType.Float64));
        for (int i = 0; i < table.Count; i++)
        {
            entities.Add(table.Timestamp[i], (long)table.CustomerId[i], (double)table.Amount[i]);
        }

        double[] values = new double[table.Count];
        int row = 0;
        await using HistoricalFeatures training = await store.GetHistoricalFeaturesAsync(entities, Service, cancellationToken);
        int column = training.ColumnNames.Count - 1;
        await foreach (object?[] result in training.ReadRowsAsync(cancellationToken))
        {
            values[row++] = result[column] is double value ? value : double.NaN;
        }

        return values;
    }

    /// <summary>
    /// The online <c>log_amount_vs_customer</c> of the transactions from <paramref name="from"/> on (NaN before it and
    /// where missing), read in one batch through <c>fraud_v1</c> with each transaction's amount as request data, as of
    /// <paramref name="replayTime"/> (the payments host replays past traffic, so it reads the store at that time).
    /// </summary>
    public static async Task<(double[] Values, OnlineFeatureBatch Batch)> OnlineAsync(
        IServiceProvider services, TransactionTable table, int from, DateTimeOffset replayTime, CancellationToken cancellationToken)
    {
        RegisteredFeatureService service = services.GetRequiredService<FeatureCatalog>().GetService(Service);
        var retriever = new OnlineFeatureRetriever(services.GetRequiredService<IOnlineStore>(), new ReplayClock(replayTime));
        var request = new OnDemandRequest(new Field("amount", FeatureValueType.Float64));
        var keys = new EntityKey[table.Count - from];
        for (int i = from; i < table.Count; i++)
        {
            keys[i - from] = new EntityKey((long)table.CustomerId[i]);
            request.Add((double)table.Amount[i]);
        }

        OnlineFeatureBatch batch = await retriever.GetOnlineFeaturesAsync(service, keys, request, cancellationToken);
        double[] values = new double[table.Count];
        Array.Fill(values, double.NaN, 0, from);
        int column = batch.Columns.Count - 1;
        for (int i = from; i < table.Count; i++)
        {
            values[i] = batch.GetStatus(i - from, column) == FeatureValueStatus.Present ? (double)batch.GetValue(i - from, column)! : double.NaN;
        }

        return (values, batch);
    }

    /// <summary>A clock stopped at the replayed time.</summary>
    private sealed class ReplayClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
