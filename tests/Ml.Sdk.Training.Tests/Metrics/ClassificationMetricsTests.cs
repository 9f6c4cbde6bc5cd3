using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ml.Sdk.Training.Metrics;

namespace Ml.Sdk.Training.Tests.Metrics;

public sealed class ClassificationMetricsTests
{
    // sklearn's precision_recall_fscore_support example: cat, dog, pig as 0, 1, 2.
    private static readonly long[] s_animals = [0, 1, 2, 0, 1, 2];
    private static readonly long[] s_animalGuesses = [0, 2, 1, 0, 0, 1];

    [Fact]
    public void Accuracy_SklearnExample_IsHalf()
    {
        // accuracy_score([0, 2, 1, 3], [0, 1, 2, 3]) == 0.5
        Assert.Equal(0.5, ClassificationMetrics.Accuracy([0, 1, 2, 3], [0, 2, 1, 3]));
    }

    [Fact]
    public void MacroScores_SklearnPrecisionRecallFscoreExample_MatchDocumentedValues()
    {
        // Per class: precision (2/3, 0, 0), recall (1, 0, 0), F1 (0.8, 0, 0).
        Assert.Equal(2.0 / 9, ClassificationMetrics.MacroPrecision(s_animals, s_animalGuesses, 3), 15);
        Assert.Equal(1.0 / 3, ClassificationMetrics.MacroRecall(s_animals, s_animalGuesses, 3), 15);
        Assert.Equal(0.8 / 3, ClassificationMetrics.MacroF1(s_animals, s_animalGuesses, 3), 15);
    }

    [Fact]
    public void MacroPrecision_ClassesNeverSeen_AreLeftOutOfTheMean()
    {
        // sklearn's labels=None averages over {0} only; averaging over all five classes would give 0.2.
        Assert.Equal(1.0, ClassificationMetrics.MacroPrecision([0, 0], [0, 0], classCount: 5));
        Assert.Equal(1.0, ClassificationMetrics.MacroF1([0, 0], [0, 0], classCount: 5));
    }

    [Fact]
    public void MacroScores_ZeroDenominators_CountAsZero()
    {
        // Class 1 is never predicted (precision 0/0), class 2 never occurs (recall 0/0); both count 0, class 0 counts 1.
        long[] labels = [0, 1];
        long[] predicted = [0, 2];

        Assert.Equal(1.0 / 3, ClassificationMetrics.MacroPrecision(labels, predicted, 3), 15);
        Assert.Equal(1.0 / 3, ClassificationMetrics.MacroRecall(labels, predicted, 3), 15);
        Assert.Equal(1.0 / 3, ClassificationMetrics.MacroF1(labels, predicted, 3), 15);
    }

    [Fact]
    public void MacroPrecision_SklearnZeroDivisionExample_AveragesThePerClassValues()
    {
        // precision_score([0, 1, 2, 0, 1, 2], [0, 0, 0, 0, 0, 0], average=None) == [0.333, 0, 0].
        Assert.Equal(1.0 / 9, ClassificationMetrics.MacroPrecision(s_animals, [0, 0, 0, 0, 0, 0], 3), 15);
    }

    [Fact]
    public void LogLoss_SklearnSpamHamExample_MatchesDocumentedValue()
    {
        // log_loss(["spam", "ham", "ham", "spam"], [[.1, .9], [.9, .1], [.8, .2], [.35, .65]]) == 0.21616...
        float[] probabilities = [0.1f, 0.9f, 0.9f, 0.1f, 0.8f, 0.2f, 0.35f, 0.65f];

        double loss = ClassificationMetrics.LogLoss([1, 0, 0, 1], probabilities, 2);

        double expected = -(Math.Log(0.9f) + Math.Log(0.9f) + Math.Log(0.8f) + Math.Log(0.65f)) / 4;
        Assert.Equal(expected, loss, 14);
        Assert.Equal(0.21616, loss, 0.00001);
    }

    [Fact]
    public void LogLoss_CertainAndWrong_IsClippedAtFloat64Epsilon()
    {
        double loss = ClassificationMetrics.LogLoss([0], [0f, 1f], 2);

        Assert.Equal(52 * Math.Log(2), loss, 12);
    }

    [Fact]
    public void LogLoss_CertainAndRight_IsClippedJustAboveZero()
    {
        double loss = ClassificationMetrics.LogLoss([1], [0f, 1f], 2);

        Assert.Equal(-Math.Log(1 - Math.Pow(2, -52)), loss);
        Assert.True(loss > 0);
    }

    [Fact]
    public void LogLoss_RowsNotSummingToOne_AreNotRenormalised()
    {
        // sklearn issue 24515's example: renormalising [0.2, 0.3] would give -ln(0.6) = 0.51; sklearn >= 1.5 gives -ln(0.3).
        double loss = ClassificationMetrics.LogLoss([1], [0.2f, 0.3f], 2);

        Assert.Equal(-Math.Log(0.3f), loss, 14);
    }

    [Fact]
    public void RocAuc_SklearnRocCurveExample_IsThreeQuarters()
    {
        Assert.Equal(0.75, ClassificationMetrics.RocAuc([0, 0, 1, 1], [0.1f, 0.4f, 0.35f, 0.8f]));
    }

    [Fact]
    public void RocAuc_AllScoresTied_IsOneHalf()
    {
        Assert.Equal(0.5, ClassificationMetrics.RocAuc([0, 1, 0, 1, 1], [0.5f, 0.5f, 0.5f, 0.5f, 0.5f]));
    }

    [Fact]
    public void RocAuc_TieBetweenAPositiveAndANegative_CountsOneHalf()
    {
        // Pairs: (0.5 vs 0.1) 1, (0.5 vs 0.5) 0.5, (0.9 vs 0.1) 1, (0.9 vs 0.5) 1 → 3.5 / 4.
        Assert.Equal(0.875, ClassificationMetrics.RocAuc([0, 0, 1, 1], [0.1f, 0.5f, 0.5f, 0.9f]));
    }

    [Fact]
    public void RocAuc_SignedZeros_AreTied()
    {
        Assert.Equal(0.5, ClassificationMetrics.RocAuc([0, 1], [0f, -0f]));
    }

    [Fact]
    public void RocAuc_InvertedRanking_IsZero()
    {
        Assert.Equal(0.0, ClassificationMetrics.RocAuc([1, 1, 0], [-2f, -1f, 3f]));
    }

    [Property(MaxTest = 200)]
    public Property RocAuc_RandomScoresWithTies_MatchesPairCounting() =>
        Prop.ForAll(MetricArbitraries.BinaryScores(), ((long[] Labels, float[] Scores) c) =>
            Assert.Equal(ReferenceMetrics.PairwiseAuc(c.Labels, c.Scores), ClassificationMetrics.RocAuc(c.Labels, c.Scores), 14));

    [Property(MaxTest = 200)]
    public Property MacroScores_RandomLabels_MatchPerClassCounting() =>
        Prop.ForAll(MetricArbitraries.LabelPairs(), ((long[] Labels, long[] Predicted, int ClassCount) c) =>
        {
            (double precision, double recall, double f1) = ReferenceMetrics.Macro(c.Labels, c.Predicted);

            Assert.Equal(precision, ClassificationMetrics.MacroPrecision(c.Labels, c.Predicted, c.ClassCount), 12);
            Assert.Equal(recall, ClassificationMetrics.MacroRecall(c.Labels, c.Predicted, c.ClassCount), 12);
            Assert.Equal(f1, ClassificationMetrics.MacroF1(c.Labels, c.Predicted, c.ClassCount), 12);
        });

    [Property(MaxTest = 100)]
    public Property Accuracy_RandomLabels_IsTheFractionOfMatches() =>
        Prop.ForAll(MetricArbitraries.LabelPairs(), ((long[] Labels, long[] Predicted, int ClassCount) c) =>
        {
            double expected = c.Labels.Zip(c.Predicted).Count(p => p.First == p.Second) / (double)c.Labels.Length;
            Assert.Equal(expected, ClassificationMetrics.Accuracy(c.Labels, c.Predicted), 15);
        });
}
