using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ml.Sdk.Monitoring.Performance;

namespace Ml.Sdk.Monitoring.Tests.Performance;

public sealed class ClassificationMetricsTests
{
    // Worked by hand: TP = rows 0, 1, 3; FN = rows 2, 9; FP = row 5; TN = rows 4, 6, 7, 8.
    private static readonly double[] s_labels = [1, 1, 1, 1, 0, 0, 0, 0, 0, 1];
    private static readonly double[] s_predictions = [1, 1, 0, 1, 0, 1, 0, 0, 0, 0];

    [Fact]
    public void Accuracy_HandWorkedConfusionMatrix_IsCorrectShare()
    {
        // (TP + TN) / n = (3 + 4) / 10; sklearn.metrics.accuracy_score(labels, predictions) = 0.7
        Assert.Equal(0.7, ClassificationMetrics.Accuracy(s_labels, s_predictions), 15);
    }

    [Fact]
    public void F1_HandWorkedConfusionMatrix_IsHarmonicMeanOfPrecisionAndRecall()
    {
        // 2·TP / (2·TP + FP + FN) = 6 / 9; sklearn.metrics.f1_score(labels, predictions) = 0.6666666666666665
        Assert.Equal(6.0 / 9.0, ClassificationMetrics.F1(s_labels, s_predictions), 15);
    }

    [Fact]
    public void F1_NoPositiveLabelOrPrediction_IsZero()
    {
        // sklearn.metrics.f1_score([0, 0], [0, 0], zero_division=0) = 0.0
        Assert.Equal(0.0, ClassificationMetrics.F1([0, 0], [0, 0]));
    }

    [Fact]
    public void F1_NoTruePositive_IsZero()
    {
        Assert.Equal(0.0, ClassificationMetrics.F1([1, 0, 0], [0, 1, 1]));
    }

    [Fact]
    public void RocAuc_SmallTableWithTies_CountsTiesAsHalf()
    {
        // Negatives score 0.1, 0.4, 0.4, 0.2; positives 0.35 (beats 2), 0.8 (beats 4), 0.4 (beats 2, ties 2), 0.9 (beats 4).
        // U = 2 + 4 + 3 + 4 = 13 of 16 pairs; sklearn.metrics.roc_auc_score(labels, scores) = 0.8125
        double[] labels = [0, 0, 1, 1, 0, 1, 1, 0];
        double[] scores = [0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.9, 0.2];

        Assert.Equal(0.8125, ClassificationMetrics.RocAuc(labels, scores), 15);
    }

    [Fact]
    public void RocAuc_PerfectSeparationAndAllTied_AreOneAndHalf()
    {
        Assert.Equal(1.0, ClassificationMetrics.RocAuc([0, 1, 0, 1], [0.1, 0.9, 0.2, 0.8]));
        Assert.Equal(0.0, ClassificationMetrics.RocAuc([0, 1, 0, 1], [0.9, 0.1, 0.8, 0.2]));
        Assert.Equal(0.5, ClassificationMetrics.RocAuc([0, 1, 0, 1], [0.3, 0.3, 0.3, 0.3]));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void RocAuc_OneClassOnly_IsNaN(double onlyLabel)
    {
        // sklearn raises ValueError here; a monitoring window without positives yet is not a caller error.
        Assert.True(double.IsNaN(ClassificationMetrics.RocAuc([onlyLabel, onlyLabel, onlyLabel], [0.1, 0.5, 0.9])));
    }

    [Fact]
    public void Metrics_LengthsDiffer_ThrowArgumentException()
    {
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.Accuracy([0, 1], [0]));
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.F1([0, 1], [0, 1, 1]));
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.RocAuc([0, 1], [0.5]));
    }

    [Fact]
    public void Metrics_Empty_ThrowArgumentException()
    {
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.Accuracy([], []));
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.F1([], []));
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.RocAuc([], []));
    }

    [Fact]
    public void Accuracy_LabelNotBinary_NamesTheIndex()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => ClassificationMetrics.Accuracy([0, 1, 2], [0, 1, 1]));

        Assert.Equal("labels", error.ParamName);
        Assert.Contains("labels[2]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void F1_PredictionNotBinary_NamesTheIndex()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => ClassificationMetrics.F1([0, 1, 1], [0, 0.5, 1]));

        Assert.Equal("predictions", error.ParamName);
        Assert.Contains("predictions[1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RocAuc_BadLabelOrScore_NamesTheIndex()
    {
        ArgumentException label = Assert.Throws<ArgumentException>(() => ClassificationMetrics.RocAuc([0, -1, 1], [0.1, 0.2, 0.3]));
        ArgumentException score = Assert.Throws<ArgumentException>(() => ClassificationMetrics.RocAuc([0, 1, 1], [0.1, 0.2, double.NaN]));

        Assert.Contains("labels[1]", label.Message, StringComparison.Ordinal);
        Assert.Equal("scores", score.ParamName);
        Assert.Contains("scores[2]", score.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 300)]
    public Property RocAuc_AnyScores_EqualsMannWhitneyUOverPairs() =>
        Prop.ForAll(PerformanceArbitraries.BinaryScores(), ((double[] Labels, double[] Scores) c) =>
        {
            double u = 0;
            long positives = 0;
            long negatives = 0;
            for (int i = 0; i < c.Labels.Length; i++)
            {
                if (c.Labels[i] == 1.0)
                {
                    positives++;
                    for (int j = 0; j < c.Labels.Length; j++)
                    {
                        if (c.Labels[j] == 0.0)
                        {
                            u += c.Scores[i] > c.Scores[j] ? 1.0 : c.Scores[i] == c.Scores[j] ? 0.5 : 0.0;
                        }
                    }
                }
                else
                {
                    negatives++;
                }
            }

            Assert.Equal(u / (positives * negatives), ClassificationMetrics.RocAuc(c.Labels, c.Scores), 12);
        });

    [Property(MaxTest = 300)]
    public Property RocAuc_NegatedScores_IsOneMinusRocAuc() =>
        Prop.ForAll(PerformanceArbitraries.BinaryScores(), ((double[] Labels, double[] Scores) c) =>
        {
            double[] negated = c.Scores.Select(s => -s).ToArray();

            Assert.Equal(1.0 - ClassificationMetrics.RocAuc(c.Labels, c.Scores), ClassificationMetrics.RocAuc(c.Labels, negated), 12);
        });

    [Property(MaxTest = 300)]
    public Property Accuracy_AnyPairs_IsInUnitIntervalAndCountsMatches() =>
        Prop.ForAll(PerformanceArbitraries.BinaryPairs(), ((double[] Labels, double[] Predictions) c) =>
        {
            double accuracy = ClassificationMetrics.Accuracy(c.Labels, c.Predictions);

            Assert.InRange(accuracy, 0.0, 1.0);
            Assert.Equal(c.Labels.Zip(c.Predictions).Count(p => p.First == p.Second) / (double)c.Labels.Length, accuracy, 15);
        });

    [Property(MaxTest = 300)]
    public Property F1_AnyPairs_IsHarmonicMeanOfPrecisionAndRecallOrZero() =>
        Prop.ForAll(PerformanceArbitraries.BinaryPairs(), ((double[] Labels, double[] Predictions) c) =>
        {
            int tp = c.Labels.Zip(c.Predictions).Count(p => p.First == 1 && p.Second == 1);
            int predictedPositive = c.Predictions.Count(p => p == 1);
            int actualPositive = c.Labels.Count(l => l == 1);
            double precision = predictedPositive == 0 ? 0 : tp / (double)predictedPositive;
            double recall = actualPositive == 0 ? 0 : tp / (double)actualPositive;
            double expected = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);

            double f1 = ClassificationMetrics.F1(c.Labels, c.Predictions);

            Assert.InRange(f1, 0.0, 1.0);
            Assert.Equal(expected, f1, 12);
        });
}
