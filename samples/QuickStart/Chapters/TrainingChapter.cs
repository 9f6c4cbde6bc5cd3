using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Ml.Sdk.Core.Tensors;
using Ml.Sdk.FeatureStore;
using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.Registry;
using Ml.Sdk.Training;
using Ml.Sdk.Training.Callbacks;
using Ml.Sdk.Training.Checkpoints;
using Ml.Sdk.Training.Onnx;
using Ml.Sdk.Training.Promotion;
using QuickStart.Data;
using TorchSharp;
using static TorchSharp.torch.nn;

namespace QuickStart.Chapters;

/// <summary>
/// Chapter 3 · Training. Trains a small TorchSharp MLP on the transactions (the latest fifth held out, as a fraud team
/// would) with a console progress bar, early stopping and checkpoints, tracked as a run; takes the best checkpoint,
/// and the promotion gate exports it to ONNX, registers it with its signature and lineage, and moves
/// <c>fraud@champion</c> from the rule to it only if its macro F1 beats the rule's. ONNX Runtime then scores the
/// held-out rows and must agree with TorchSharp.
/// </summary>
public static class TrainingChapter
{
    /// <summary>The metric the gate compares (macro F1: accuracy says little when 2 % of rows are fraud).</summary>
    public const string Metric = "val_f1_macro";

    private const int FeatureCount = FraudFeatures.Count;

    /// <summary>The first held-out row: the latest fifth of the transactions (they are in time order).</summary>
    public static int ValidationStart(int count) => count - (count / 5);

    public static async Task<ChapterReport> RunAsync(
        Trainer trainer, ModelPromotionGate gate, IModelRegistry registry, IFeatureStore featureStore, TransactionTable table, RuleBaseline baseline,
        QuickStartOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var report = new ChapterReport("Chapter 3 · Training (Ml.Sdk.Training)");
        int start = ValidationStart(table.Count);
        // The customer statistic comes from the feature store's point-in-time join: each transaction sees the 7-day
        // statistics as of its own day, never a later one.
        RegisteredFeatureService service = featureStore.Catalog.GetService(FraudFeatureStore.Service);
        double[] vsCustomer = await FraudFeatureStore.HistoricalAsync(featureStore, table, cancellationToken);
        (float[] features, long[] labels) = FraudFeatures.Compute(table, baseline.MedianAmount, vsCustomer);
        (int sampled, int agreeing) = CheckPointInTime(table, vsCustomer, start);
        report.Line(string.Create(CultureInfo.InvariantCulture,
            $"training set from the feature store ({FraudFeatureStore.Service}, point-in-time, log_amount_vs_customer on demand): {table.Count:N0} rows, {vsCustomer.Count(double.IsNaN):N0} without a customer statistic; {agreeing}/{sampled} sampled rows match a direct as-of computation"));
        using TrainingData train = TrainingData.FromArrays(features[..(start * FeatureCount)], FeatureCount, labels[..start]);
        using TrainingData validation = TrainingData.FromArrays(features[(start * FeatureCount)..], FeatureCount, labels[start..]);

        torch.random.manual_seed(options.Seed);
        using var model = Sequential(
            ("hidden1", Linear(FeatureCount, 32)), ("relu1", ReLU()), ("dropout", Dropout(0.1)),
            ("hidden2", Linear(32, 16)), ("relu2", ReLU()), ("logits", Linear(16, 2)));
        using var classWeights = torch.tensor(new float[] { 1f, 3f });
        var loss = CrossEntropyLoss(classWeights);
        string checkpoints = Path.Combine(options.DataDirectory, "checkpoints", DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture));
        var best = new ModelCheckpoint(checkpoints, monitor: Metric, mode: MonitorMode.Max, saveTopK: 2);
        var fit = new FitOptions
        {
            Loss = loss.forward,
            Optimizer = p => torch.optim.Adam(p, 3e-3),
            MaxEpochs = options.Epochs,
            BatchSize = 256,
            Seed = options.Seed,
            Validation = validation,
            ExperimentName = "fraud-scoring",
            RunName = "mlp",
            EndRun = false,
            Callbacks = { new EarlyStopping("val_loss", patience: 3, minDelta: 1e-4), best, new TerminateOnNonFiniteLoss() },
            Params = { ["hidden"] = "32,16", ["class_weight_fraud"] = "3", ["features"] = "log_amount_ratio,night,risky_category,hour,log_amount_vs_customer" },
        };

        using var bar = new ConsoleProgressBar(output);
        TrainingResult result = await trainer.FitAsync(model, train, fit, bar, cancellationToken);
        bar.Finish();
        report.Line(string.Create(CultureInfo.InvariantCulture,
            $"trained {result.EpochsCompleted} epoch(s), {result.GlobalStep:N0} steps on {result.Device} ({result.StopReason}); " +
            $"best {Metric} {best.BestValue:F3}, last val_loss {result.FinalMetrics["val_loss"]:F4}; run {result.RunId?[..12]}…"));

        // The gate judges the best epoch's weights, not the last (early stopping ran past the best by its patience).
        TrainingCheckpoint.LoadWeights(model, best.BestPath!);
        TrainingResult judged = result with { FinalMetrics = TrainingCheckpoint.ReadInfo(best.BestPath!).Metrics };

        // What the monitor (chapter 5) will compare served traffic with: the training rows' inputs and this model's
        // outputs for them, profiled once and registered next to the model.
        byte[] referenceProfile = await FraudReferenceProfile.BuildAsync(
            features[..(start * FeatureCount)], Logits(model, features[..(start * FeatureCount)], start), start, cancellationToken);
        PromotionDecision decision = await gate.RegisterIfBetterAsync(model, judged, new PromotionRequest
        {
            ModelName = RegistryChapter.ModelName,
            Metric = Metric,
            Mode = MonitorMode.Max,
            MinImprovement = 0.01,
            Export = new OnnxExportOptions { Input = TensorSpec.Create<float>("features", -1, FeatureCount), OutputName = "logits", ModelName = "fraud_mlp" },
            Description = "MLP over amount, hour, category and customer-spend signals (TorchSharp, exported to ONNX)",
            DatasetFingerprint = $"quickstart-seed-{options.Seed}-{table.Count}",

            // The lineage names the feature view versions the training set came from; the tag, the service version.
            FeatureViews = [.. service.Views.Select(v => new FeatureViewReference(v.Name, v.Version))],
            Tags = new Dictionary<string, string> { ["feature_service"] = service.Reference },
            Creator = "quickstart",
            Artifacts = [ArtifactSource.FromBytes(FraudReferenceProfile.FileName, referenceProfile)],
        }, cancellationToken);
        report.Line(string.Create(CultureInfo.InvariantCulture,
            $"registered {decision.Version.Name}/{decision.Version.Version} (model.onnx + {FraudReferenceProfile.FileName} of {start:N0} rows, {referenceProfile.Length / 1024:N0} KiB; signature {decision.Version.Signature}); gate: " +
            $"{(decision.Promoted ? "PROMOTED" : "kept the champion")} — {Metric} {decision.CandidateValue:F3} vs v{decision.ChampionVersion} {decision.ChampionValue:F3}: {decision.Reason}"));

        ModelVersion champion = await registry.ResolveAsync($"{RegistryChapter.ModelName}@champion", cancellationToken);
        report.Line($"lineage of {champion.Name}/{champion.Version}: feature views {string.Join(", ", champion.Lineage.FeatureViews.Select(v => $"{v.Name} v{v.Version}"))}; feature_service {champion.Tags.GetValueOrDefault("feature_service")}");
        string onnxPath = await registry.GetVerifiedArtifactPathAsync(decision.Version.Name, decision.Version.Version, "model.onnx", cancellationToken);
        double largestDifference = CompareWithOnnxRuntime(model, onnxPath, features.AsSpan(start * FeatureCount).ToArray(), table.Count - start);
        report.Line(string.Create(CultureInfo.InvariantCulture,
            $"ONNX Runtime scored {table.Count - start:N0} held-out rows; largest difference from TorchSharp {largestDifference:E1}; fraud@champion -> v{champion.Version}"));

        report.Check(agreeing == sampled, "the training set's customer statistic is the one as of each transaction's day");
        report.Check(result.History.Count > 0 && result.History[^1].Metrics["train_loss"] < result.History[0].Metrics["train_loss"], "the training loss fell");
        report.Check(decision.Promoted && champion.Version == decision.Version.Version, "the trained model beat the rule and became champion");
        report.Check(champion.Lineage.RunId == result.RunId && champion.Lineage.ParentVersion == decision.ChampionVersion, "the version records its run and the version it replaced");
        report.Check(
            champion.Lineage.FeatureViews.SequenceEqual(service.Views.Select(v => new FeatureViewReference(v.Name, v.Version)))
                && champion.Tags.TryGetValue("feature_service", out string? recorded) && recorded == service.Reference,
            "the version records the feature service and view versions it was trained on");
        report.Check(largestDifference <= 1e-4, "ONNX Runtime agrees with TorchSharp within 1e-4");
        return report;
    }

    /// <summary>
    /// Recomputes the feature of every 97th row directly (its log amount minus the mean log amount of the customer's
    /// transactions in the 7 days before the row's day, the day capped at the training cutoff's, where the history
    /// ends) and compares.
    /// </summary>
    private static (int Sampled, int Agreeing) CheckPointInTime(TransactionTable table, double[] vsCustomer, int start)
    {
        DateTimeOffset origin = TransactionGenerator.Start;
        int cutoffDay = (int)(table.Timestamp[start] - origin).TotalDays;
        int sampled = 0;
        int agreeing = 0;
        for (int i = 0; i < table.Count; i += 97)
        {
            int day = Math.Min((int)(table.Timestamp[i] - origin).TotalDays, cutoffDay);
            DateTimeOffset dayStart = origin.AddDays(day);
            double sum = 0;
            int n = 0;
            for (int j = 0; j < table.Count; j++)
            {
                if (table.CustomerId[j] == table.CustomerId[i] && table.Timestamp[j] < dayStart && table.Timestamp[j] >= dayStart.AddDays(-7))
                {
                    sum += Math.Log(table.Amount[j]);
                    n++;
                }
            }

            // No statistic on the first day, and none once the latest is older than the view's 7-day TTL.
            bool expired = table.Timestamp[i] - dayStart > TimeSpan.FromDays(7);
            double expected = n == 0 || day == 0 || expired ? double.NaN : Math.Log(table.Amount[i]) - (sum / n);
            sampled++;
            agreeing += (double.IsNaN(expected) && double.IsNaN(vsCustomer[i])) || Math.Abs(expected - vsCustomer[i]) < 1e-9 ? 1 : 0;
        }

        return (sampled, agreeing);
    }

    private static float[] Logits(torch.nn.Module<torch.Tensor, torch.Tensor> model, float[] rows, int count)
    {
        model.eval();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return model.call(torch.tensor(rows, [count, FeatureCount])).data<float>().ToArray();
    }

    private static double CompareWithOnnxRuntime(torch.nn.Module<torch.Tensor, torch.Tensor> model, string onnxPath, float[] rows, int count)
    {
        using var session = new InferenceSession(onnxPath);
        using var input = OrtValue.CreateTensorValueFromMemory(rows, [count, FeatureCount]);
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> outputs = session.Run(runOptions, ["features"], [input], ["logits"]);
        ReadOnlySpan<float> onnx = outputs[0].GetTensorDataAsSpan<float>();
        model.eval();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        float[] expected = model.call(torch.tensor(rows, [count, FeatureCount])).data<float>().ToArray();
        double largest = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            largest = Math.Max(largest, Math.Abs(onnx[i] - expected[i]) / Math.Max(1, Math.Abs(expected[i])));
        }

        return largest;
    }
}
