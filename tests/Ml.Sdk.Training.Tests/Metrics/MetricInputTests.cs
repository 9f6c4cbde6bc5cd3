using Ml.Sdk.Training.Metrics;

namespace Ml.Sdk.Training.Tests.Metrics;

/// <summary>Bad input gets an <see cref="ArgumentException"/> naming the argument and, for a bad element, its index.</summary>
public sealed class MetricInputTests
{
    [Fact]
    public void Accuracy_LengthMismatch_NamesPredicted()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => ClassificationMetrics.Accuracy([0, 1], [0]));

        Assert.Equal("predicted", ex.ParamName);
        Assert.Contains("length 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accuracy_Empty_NamesLabels()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => ClassificationMetrics.Accuracy([], []));

        Assert.Equal("labels", ex.ParamName);
    }

    [Fact]
    public void MacroF1_LabelOutsideClasses_NamesLabelsAndIndex()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => ClassificationMetrics.MacroF1([0, 1, 3], [0, 1, 1], 3));

        Assert.Equal("labels", ex.ParamName);
        Assert.Contains("index 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MacroPrecision_NegativePrediction_NamesPredictedAndIndex()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => ClassificationMetrics.MacroPrecision([0, 1], [-1, 1], 2));

        Assert.Equal("predicted", ex.ParamName);
        Assert.Contains("-1 at index 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MacroRecall_ZeroClasses_Throws()
    {
        ArgumentOutOfRangeException ex = Assert.Throws<ArgumentOutOfRangeException>(() => ClassificationMetrics.MacroRecall([0], [0], 0));

        Assert.Equal("classCount", ex.ParamName);
    }

    [Fact]
    public void LogLoss_NaNProbability_NamesProbabilitiesAndIndex()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(
            () => ClassificationMetrics.LogLoss([0, 1], [0.5f, 0.5f, float.NaN, 1f], 2));

        Assert.Equal("probabilities", ex.ParamName);
        Assert.Contains("index 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LogLoss_WrongRowCount_NamesProbabilities()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => ClassificationMetrics.LogLoss([0, 1], [0.5f, 0.5f, 1f], 2));

        Assert.Equal("probabilities", ex.ParamName);
    }

    [Fact]
    public void LogLoss_OneClass_ThrowsAsSklearnDoes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassificationMetrics.LogLoss([0], [1f], 1));
    }

    [Fact]
    public void RocAuc_OnlyOneClassPresent_ThrowsAsSklearnDoes()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => ClassificationMetrics.RocAuc([1, 1, 1], [0.1f, 0.2f, 0.3f]));

        Assert.Equal("labels", ex.ParamName);
        Assert.Contains("Only one class", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RocAuc_LabelTwo_NamesLabelsAndIndex()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => ClassificationMetrics.RocAuc([0, 2], [0.1f, 0.2f]));

        Assert.Equal("labels", ex.ParamName);
        Assert.Contains("index 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RocAuc_InfiniteScore_NamesScoresAndIndex()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => ClassificationMetrics.RocAuc([0, 1], [0.1f, float.PositiveInfinity]));

        Assert.Equal("scores", ex.ParamName);
        Assert.Contains("index 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R2_NaNTarget_NamesTargetsAndIndex()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => RegressionMetrics.R2([1f, float.NaN], [1f, 2f]));

        Assert.Equal("targets", ex.ParamName);
        Assert.Contains("index 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MeanAbsoluteError_Empty_NamesTargets()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => RegressionMetrics.MeanAbsoluteError([], []));

        Assert.Equal("targets", ex.ParamName);
    }

    [Fact]
    public void Classification_LogitsNotOneRowPerLabel_NamesLogits()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => ModelEvaluation.Classification([1f, 2f, 3f], 2, [0, 1]));

        Assert.Equal("logits", ex.ParamName);
    }

    [Fact]
    public void Classification_NaNLogit_NamesLogitsAndIndex()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => ModelEvaluation.Classification([1f, 2f, 3f, float.NaN], 2, [0, 1]));

        Assert.Equal("logits", ex.ParamName);
        Assert.Contains("index 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Classification_LabelOutsideClasses_NamesLabelsAndIndex()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => ModelEvaluation.Classification([1f, 2f, 3f, 4f], 2, [0, 2]));

        Assert.Equal("labels", ex.ParamName);
        Assert.Contains("index 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Regression_NaNTarget_NamesTargetsAndIndex()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => ModelEvaluation.Regression([1f, 2f, 3f], [1f, 2f, float.NaN]));

        Assert.Equal("targets", ex.ParamName);
        Assert.Contains("index 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Regression_LengthMismatch_NamesTargets()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => ModelEvaluation.Regression([1f, 2f], [1f]));

        Assert.Equal("targets", ex.ParamName);
    }
}
