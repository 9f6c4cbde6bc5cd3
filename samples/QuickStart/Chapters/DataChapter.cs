using System.Globalization;
using Ml.Sdk.Core.Kernels;
using Ml.Sdk.FeatureStore;
using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Materialization;
using Ml.Sdk.FeatureStore.Offline;
using QuickStart.Data;

namespace QuickStart.Chapters;

/// <summary>
/// Chapter 1 · Data. Generates the transactions and profiles them with Ml.Sdk.Core's kernels: moments, exact
/// quantiles, equi-depth bins and their histogram (what drift monitoring will compare), standardization (what
/// training will feed), and a rule-based fraud score through row-wise softmax and argmax (the baseline a model must
/// beat). Then the feature store takes the daily customer statistics offline and materializes them online.
/// </summary>
public static class DataChapter
{
    private static readonly double[] s_percentiles = [0.5, 0.95, 0.99];

    /// <summary>The rule's weights: bias, log-amount-over-median, night, risky category.</summary>
    public static readonly double[] RuleWeights = [-4.5, 1.6, 1.5, 1.5];

    public static ChapterReport Run(QuickStartOptions options, out TransactionTable table, out RuleBaseline baseline)
    {
        var report = new ChapterReport("Chapter 1 · Data (Ml.Sdk.Core, Ml.Sdk.FeatureStore)");
        table = new TransactionGenerator(options.Seed, options.Customers).Generate(options.Transactions, TimeSpan.FromDays(30));
        int n = table.Count;
        int frauds = table.IsFraud.Count(f => f);
        report.Line(string.Create(CultureInfo.InvariantCulture,
            $"{n:N0} transactions by {options.Customers:N0} customers over 30 days, fraud rate {100.0 * frauds / n:F2} % (seed {options.Seed})"));

        ProfileAmount(table, report);
        Standardize(table, report);
        baseline = ScoreByRule(table, report);
        return report;
    }

    /// <summary>
    /// The feature store part of the chapter: the daily customer statistics a batch job would compute go into the
    /// offline store up to the training cutoff (the first held-out transaction), and are materialized to the online
    /// store for serving.
    /// </summary>
    public static async Task StoreFeaturesAsync(IFeatureStore store, TransactionTable table, ChapterReport report, CancellationToken cancellationToken)
    {
        DateTimeOffset cutoff = table.Timestamp[TrainingChapter.ValidationStart(table.Count)];
        List<OfflineFeatureRow> snapshots = FraudFeatureStore.DailySnapshots(table, cutoff);
        int ingested = await store.IngestAsync(FraudFeatureStore.View, snapshots, cancellationToken);
        IReadOnlyList<MaterializationProgress> materialized = await store.MaterializeIncrementalAsync(cutoff, cancellationToken: cancellationToken);
        RegisteredFeatureService service = store.Catalog.GetService(FraudFeatureStore.Service);
        long online = materialized.Sum(m => m.RowsWritten);
        report.Line(string.Create(CultureInfo.InvariantCulture,
            $"feature store: {ingested:N0} daily {FraudFeatureStore.View} rows (7-day mean log amount and count per customer, TTL 7 days) ingested offline up to {cutoff:yyyy-MM-dd HH:mm}; " +
            $"{online:N0} customers materialized online; service {service.Reference} = {string.Join(", ", service.Features.Select(f => f.Reference))}"));
        report.Check(ingested == snapshots.Count && ingested > 0, "every daily statistic is ingested");
        report.Check(materialized.All(m => m.Completed) && online > 0 && online <= table.CustomerId.Max() + 1, "materialization completed with at most one online row per customer");
    }

    private static void ProfileAmount(TransactionTable table, ChapterReport report)
    {
        Moments moments = Moments.Compute(table.Amount);
        Span<double> percentiles = stackalloc double[s_percentiles.Length];
        Quantiles.Compute(table.Amount, s_percentiles, percentiles);
        report.Line(string.Create(CultureInfo.InvariantCulture,
            $"amount: mean {moments.Mean:F2}, std {moments.StandardDeviation:F2}, min {moments.Min:F2}, max {moments.Max:F2}; " +
            $"p50 {percentiles[0]:F2}, p95 {percentiles[1]:F2}, p99 {percentiles[2]:F2}"));

        // Ten equi-depth bins: the reference profile that PSI and Jensen–Shannon drift tests compare against.
        const int bins = 10;
        Span<float> edges = stackalloc float[bins + 1];
        BinEdges.EquiDepth(table.Amount, bins, edges);
        Span<long> counts = stackalloc long[bins];
        HistogramTally tally = Histogram.Count(table.Amount, edges, counts);
        long binned = 0;
        foreach (long count in counts)
        {
            binned += count;
        }

        report.Line($"amount in 10 equi-depth bins: {string.Join(" ", counts.ToArray().Select(c => c.ToString("N0", CultureInfo.InvariantCulture)))}");
        report.Check(moments.Count == table.Count && moments.NaNCount == 0, "every amount is counted once");
        report.Check(binned == table.Count && tally.Below == 0 && tally.Above == 0, "the equi-depth bins cover every amount");
        report.Check(edges[0] == moments.Min && edges[bins] == moments.Max, "the outer bin edges are the min and max");
        report.Check(percentiles[0] <= percentiles[1] && percentiles[1] <= percentiles[2], "percentiles are ordered");
    }

    private static void Standardize(TransactionTable table, ChapterReport report)
    {
        var scaler = StandardScaler.Fit(table.Amount);
        float[] scaled = new float[table.Count];
        scaler.Transform(table.Amount, scaled);
        Moments after = Moments.Compute(scaled);
        report.Line(string.Create(CultureInfo.InvariantCulture,
            $"standardized amount (mean {scaler.Mean:F2}, std {scaler.StandardDeviation:F2}) -> mean {after.Mean:F4}, std {after.StandardDeviation:F4}"));
        report.Check(Math.Abs(after.Mean) < 1e-3 && Math.Abs(after.StandardDeviation - 1) < 1e-3, "standardized amount has mean 0 and std 1");
    }

    private static RuleBaseline ScoreByRule(TransactionTable table, ChapterReport report)
    {
        // Two logits per transaction, [legit, fraud]; the fraud logit rises with the amount relative to the median,
        // at night and in risky categories. Softmax turns them into probabilities; argmax picks the class.
        double median = Quantiles.Compute(table.Amount, 0.5);
        int n = table.Count;
        float[] logits = new float[2 * n];
        for (int i = 0; i < n; i++)
        {
            logits[2 * i + 1] = (float)(RuleWeights[0] + (RuleWeights[1] * Math.Log(table.Amount[i] / median))
                + (table.Hour[i] < 5 ? RuleWeights[2] : 0.0)
                + (TransactionGenerator.IsRiskyCategory(table.Category[i]) ? RuleWeights[3] : 0.0));
        }

        float[] probabilities = new float[2 * n];
        RowWise.Softmax(logits, probabilities, rowLength: 2);
        int[] predicted = new int[n];
        RowWise.ArgMax(probabilities, rowLength: 2, predicted);

        int truePositives = 0, falsePositives = 0, falseNegatives = 0;
        for (int i = 0; i < n; i++)
        {
            bool flagged = predicted[i] == 1;
            truePositives += flagged && table.IsFraud[i] ? 1 : 0;
            falsePositives += flagged && !table.IsFraud[i] ? 1 : 0;
            falseNegatives += !flagged && table.IsFraud[i] ? 1 : 0;
        }

        double precision = truePositives / (double)Math.Max(1, truePositives + falsePositives);
        double recall = truePositives / (double)Math.Max(1, truePositives + falseNegatives);
        report.Line(string.Create(CultureInfo.InvariantCulture,
            $"rule baseline (softmax over [legit, fraud] logits, argmax): precision {precision:F2}, recall {recall:F2} — the bar a trained model must clear"));
        report.Check(Math.Abs(probabilities[0] + probabilities[1] - 1f) < 1e-6f, "softmax rows sum to 1");
        report.Check(recall > 0.2 && precision > 0.2, "the fraud pattern is visible to a simple rule");
        return new RuleBaseline(RuleWeights, median, precision, recall, Array.ConvertAll(predicted, static p => (long)p));
    }
}
