using Ml.Sdk.Training.Metrics;

namespace Ml.Sdk.Training.Tests.Metrics;

public sealed class ModelEvaluationTests
{
    [Fact]
    public void Classification_BinaryLogitsOfSklearnLogLossExample_ReturnsEveryMetric()
    {
        // Logits ln(p) have softmax p: the spam/ham example of sklearn's log_loss docs.
        float[] probabilities = [0.1f, 0.9f, 0.9f, 0.1f, 0.8f, 0.2f, 0.35f, 0.65f];
        float[] logits = probabilities.Select(p => MathF.Log(p)).ToArray();

        IReadOnlyDictionary<string, double> metrics = ModelEvaluation.Classification(logits, 2, [1, 0, 0, 1]);

        Assert.Equal(
            ["accuracy", "f1_macro", "log_loss", "precision_macro", "recall_macro", "roc_auc"],
            metrics.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1.0, metrics[MetricNames.Accuracy]);
        Assert.Equal(1.0, metrics[MetricNames.F1Macro]);
        Assert.Equal(0.216161874, metrics[MetricNames.LogLoss], 1e-6);
        Assert.Equal(1.0, metrics[MetricNames.RocAuc]);
    }

    [Fact]
    public void Classification_RocAucScoresClassOneProbability_NotThePrediction()
    {
        // Every prediction is class 0, yet class 1's probability ranks the positives above the negatives.
        float[] logits = [3f, 0f, 3f, 1f, 3f, 2f, 3f, 2.5f];

        IReadOnlyDictionary<string, double> metrics = ModelEvaluation.Classification(logits, 2, [0, 0, 1, 1]);

        Assert.Equal(0.5, metrics[MetricNames.Accuracy]);
        Assert.Equal(1.0, metrics[MetricNames.RocAuc]);
    }

    [Fact]
    public void Classification_BinaryWithOneClassPresent_OmitsRocAuc()
    {
        IReadOnlyDictionary<string, double> metrics = ModelEvaluation.Classification([1f, 0f, 0f, 1f], 2, [1, 1]);

        Assert.False(metrics.ContainsKey(MetricNames.RocAuc));
        Assert.Equal(0.5, metrics[MetricNames.Accuracy]);
    }

    [Fact]
    public void Classification_Multiclass_UsesArgMaxAndSoftmaxAndOmitsRocAuc()
    {
        // Rows predict 2, 0 (first of tied maxima) and 1; softmax of [0, 0, ln 2] is [1/4, 1/4, 1/2].
        float[] logits = [0f, 0f, MathF.Log(2f), 5f, 5f, 1f, -1f, 4f, 0f];
        long[] labels = [2, 1, 1];

        IReadOnlyDictionary<string, double> metrics = ModelEvaluation.Classification(logits, 3, labels);

        Assert.False(metrics.ContainsKey(MetricNames.RocAuc));
        Assert.Equal(2.0 / 3, metrics[MetricNames.Accuracy], 15);
        Assert.Equal(ClassificationMetrics.MacroF1(labels, [2, 0, 1], 3), metrics[MetricNames.F1Macro]);
        double secondRow = -Math.Log(Math.Exp(0) / (1 + 1 + Math.Exp(-4)));
        double thirdRow = -Math.Log(1 / (Math.Exp(-5) + 1 + Math.Exp(-4)));
        Assert.Equal((-Math.Log(0.5) + secondRow + thirdRow) / 3, metrics[MetricNames.LogLoss], 1e-6);
    }

    [Fact]
    public void Regression_SklearnExample_ReturnsMaeRmseAndR2()
    {
        IReadOnlyDictionary<string, double> metrics = ModelEvaluation.Regression([2.5f, 0f, 2f, 8f], [3f, -0.5f, 2f, 7f]);

        Assert.Equal(3, metrics.Count);
        Assert.Equal(0.5, metrics[MetricNames.MeanAbsoluteError], 15);
        Assert.Equal(Math.Sqrt(0.375), metrics[MetricNames.RootMeanSquaredError], 15);

        // R² is not symmetric: swapping targets and predictions would give 1 - 1.5 / 35.1875.
        Assert.Equal(1 - (1.5 / 29.1875), metrics[MetricNames.R2], 14);
    }
}
