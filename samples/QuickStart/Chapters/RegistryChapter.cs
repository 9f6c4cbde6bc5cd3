using System.Globalization;
using System.Text.Json;
using Ml.Sdk.Core.Tensors;
using Ml.Sdk.Registry;
using Ml.Sdk.Registry.Tracking;
using Ml.Sdk.Training.Metrics;
using Ml.Sdk.Training.Promotion;
using QuickStart.Data;

namespace QuickStart.Chapters;

/// <summary>
/// Chapter 2 · Registry (the Training half comes with Ml.Sdk.Training). Tracks the rule baseline as a run — params,
/// metrics — then registers the rule as a model version with its signature and lineage, moves the <c>champion</c>
/// alias to it, and resolves <c>fraud@champion</c> back, verifying the artifact's SHA-256 on load.
/// </summary>
public static class RegistryChapter
{
    public const string ModelName = "fraud";

    public static async Task<ChapterReport> RunAsync(
        IExperimentTracker tracker, IModelRegistry registry, TransactionTable table, RuleBaseline baseline, CancellationToken cancellationToken)
    {
        var report = new ChapterReport("Chapter 2 · Tracking and registry (Ml.Sdk.Registry)");

        // The rule's macro F1 on the held-out (latest) transactions: the figure chapter 3's gate must beat.
        int start = TrainingChapter.ValidationStart(table.Count);
        long[] actual = new long[table.Count - start];
        for (int i = start; i < table.Count; i++)
        {
            actual[i - start] = table.IsFraud[i] ? 1 : 0;
        }

        double ruleF1 = ClassificationMetrics.MacroF1(actual, baseline.Predicted.Skip(start).ToArray(), classCount: 2);

        RunInfo run = await tracker.StartRunAsync("fraud-scoring", "rule-baseline", cancellationToken: cancellationToken);
        var batch = new RunBatch();
        for (int i = 0; i < baseline.Weights.Count; i++)
        {
            batch.Params[$"weight_{i}"] = baseline.Weights[i].ToString("R", CultureInfo.InvariantCulture);
        }

        batch.Params["median_amount"] = baseline.MedianAmount.ToString("R", CultureInfo.InvariantCulture);
        batch.Metrics.Add(new MetricPoint("precision", baseline.Precision, 0, default));
        batch.Metrics.Add(new MetricPoint("recall", baseline.Recall, 0, default));
        await tracker.LogBatchAsync(run.RunId, batch, cancellationToken);
        await tracker.EndRunAsync(run.RunId, RunStatus.Finished, cancellationToken);
        RunDetails tracked = await tracker.GetRunAsync(run.RunId, cancellationToken);
        report.Line(string.Create(CultureInfo.InvariantCulture,
            $"run {run.RunId[..12]}… in experiment fraud-scoring: {tracked.Params.Count} params, precision {tracked.LatestMetrics["precision"].Value:F2}, recall {tracked.LatestMetrics["recall"].Value:F2}"));

        byte[] artifact = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["weights"] = baseline.Weights,
            ["median_amount"] = baseline.MedianAmount,
        });
        ModelVersion registered = await registry.RegisterVersionAsync(new NewModelVersion
        {
            Name = ModelName,
            Format = ModelFormat.Other,
            Artifacts = [ArtifactSource.FromBytes("rule.json", artifact)],
            Signature = new ModelSignature(
                [TensorSpec.Create<float>("features", -1, 3)],
                [TensorSpec.Create<float>("probabilities", -1, 2)]),
            Description = "Rule-based fraud score (the baseline a trained model must beat)",
            Lineage = new ModelLineage { RunId = run.RunId },
            Tags = new Dictionary<string, string>
            {
                ["kind"] = "rule",
                [ModelPromotionGate.MetricTagPrefix + TrainingChapter.Metric] = ruleF1.ToString("R", CultureInfo.InvariantCulture),
            },
            Creator = "quickstart",
        }, cancellationToken);
        await registry.SetModelDescriptionAsync(ModelName, "Card-transaction fraud score for the payments service", cancellationToken);
        int? previous = await registry.SetAliasAsync(ModelName, "champion", registered.Version, cancellationToken);

        ModelVersion champion = await registry.ResolveAsync($"{ModelName}@champion", cancellationToken);
        byte[] loaded;
        await using (Stream stream = await registry.OpenArtifactAsync(ModelName, champion.Version, "rule.json", cancellationToken))
        using (var copy = new MemoryStream())
        {
            await stream.CopyToAsync(copy, cancellationToken);
            loaded = copy.ToArray();
        }

        report.Line(string.Create(CultureInfo.InvariantCulture,
            $"registered {ModelName}/{registered.Version} (rule.json, sha256 {registered.Artifacts[0].Sha256[..12]}…); champion moved {(previous is null ? "to" : $"from v{previous} to")} v{registered.Version}"));
        report.Line(string.Create(CultureInfo.InvariantCulture, $"the rule's {TrainingChapter.Metric} on the latest {actual.Length:N0} transactions: {ruleF1:F3} (tagged on the version for the promotion gate)"));
        report.Line($"resolved {ModelName}@champion -> {champion.Name}/{champion.Version}, signature {champion.Signature}, lineage run {champion.Lineage.RunId?[..12]}…");
        report.Check(champion.Version == registered.Version, "the champion alias resolves to the version just registered");
        report.Check(loaded.AsSpan().SequenceEqual(artifact), "the artifact loads back byte for byte, hash verified");
        report.Check(champion.Lineage.RunId == run.RunId, "the version records the run that produced it");
        return report;
    }
}
