using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ml.Sdk.Monitoring.Performance;

namespace Ml.Sdk.Monitoring.Tests.Performance;

// fairlearn is not installable here; the expected values come from the computation fairlearn performs, written with
// scikit-learn 1.2.1 (which fairlearn's true_positive_rate / false_positive_rate call):
//   rates(y, p) = sklearn.metrics.confusion_matrix(y, p, labels=[0, 1], normalize="true") → (cm[1, 1], cm[0, 1])
//   eod = max(max(tpr) - min(tpr), max(fpr) - min(fpr)) over np.unique(groups); dpd = max(sel) - min(sel)
public sealed class FairnessMetricsTests
{
    [Fact]
    public void DemographicParityDifference_ThreeGroups_IsLargestMinusSmallestSelectionRate()
    {
        // Selection rates: group 3 → 1/4, group -1 → 3/3, group 9 → 3/5; dpd = 0.75
        int[] groups = [3, 3, 3, 3, -1, -1, -1, 9, 9, 9, 9, 9];
        double[] predictions = [1, 0, 0, 0, 1, 1, 1, 0, 1, 1, 0, 1];

        Assert.Equal(0.75, FairnessMetrics.DemographicParityDifference(predictions, groups), 15);
    }

    [Fact]
    public void EqualizedOddsDifference_EqualSelectionDifferentErrors_IsRateGap()
    {
        // Both groups select 3 of 5 (dpd 0), but TPR is 2/3 against 1/2 and FPR 1/2 against 2/3: eod = 1/6.
        // rates per group: tpr [0.6666666666666666, 0.5], fpr [0.5, 0.6666666666666666] → 0.16666666666666663
        int[] groups = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
        double[] labels = [1, 1, 0, 0, 1, 1, 0, 1, 0, 0];
        double[] predictions = [1, 0, 0, 1, 1, 1, 0, 0, 1, 1];

        Assert.Equal(0.0, FairnessMetrics.DemographicParityDifference(predictions, groups), 15);
        Assert.Equal(1.0 / 6.0, FairnessMetrics.EqualizedOddsDifference(labels, predictions, groups), 14);
    }

    [Fact]
    public void EqualizedOddsDifference_GroupWithoutNegatives_CountsItsFalsePositiveRateAsZero()
    {
        // Group 1 has no negative label, so its FPR is 0 (sklearn's nan_to_num), against group 0's 1/1: eod = 1.0.
        // Skipping the group instead would give the TPR gap 2/3 - 1/2 only.
        int[] groups = [0, 0, 0, 1, 1, 1];
        double[] labels = [1, 0, 1, 1, 1, 1];
        double[] predictions = [1, 1, 0, 1, 0, 1];

        Assert.Equal(1.0, FairnessMetrics.EqualizedOddsDifference(labels, predictions, groups), 15);
    }

    [Fact]
    public void EqualizedOddsDifference_GroupWithoutPositives_CountsItsTruePositiveRateAsZero()
    {
        // Group 5 has no positive label: TPR 0 against group 7's 1/1, so eod = 1.0 (fpr gap alone would be 1/3).
        int[] groups = [5, 5, 5, 7, 7];
        double[] labels = [0, 0, 0, 1, 0];
        double[] predictions = [1, 0, 0, 1, 0];

        Assert.Equal(1.0, FairnessMetrics.EqualizedOddsDifference(labels, predictions, groups), 15);
    }

    [Fact]
    public void Metrics_SingleGroup_AreZero()
    {
        Assert.Equal(0.0, FairnessMetrics.DemographicParityDifference([1, 0, 1], [4, 4, 4]));
        Assert.Equal(0.0, FairnessMetrics.EqualizedOddsDifference([1, 0, 1], [0, 1, 1], [4, 4, 4]));
    }

    [Fact]
    public void Metrics_LengthsDifferOrEmpty_ThrowArgumentException()
    {
        Assert.Throws<ArgumentException>(() => FairnessMetrics.DemographicParityDifference([1, 0], [1]));
        Assert.Throws<ArgumentException>(() => FairnessMetrics.EqualizedOddsDifference([1, 0], [1, 0], [1]));
        Assert.Throws<ArgumentException>(() => FairnessMetrics.EqualizedOddsDifference([1], [1, 0], [1, 2]));
        Assert.Throws<ArgumentException>(() => FairnessMetrics.DemographicParityDifference([], []));
        Assert.Throws<ArgumentException>(() => FairnessMetrics.EqualizedOddsDifference([], [], []));
    }

    [Fact]
    public void Metrics_NotBinary_NameTheIndex()
    {
        ArgumentException dpd = Assert.Throws<ArgumentException>(() => FairnessMetrics.DemographicParityDifference([1, 0, 3], [0, 0, 1]));
        ArgumentException eod = Assert.Throws<ArgumentException>(() => FairnessMetrics.EqualizedOddsDifference([1, double.NaN], [1, 0], [0, 1]));

        Assert.Contains("predictions[2]", dpd.Message, StringComparison.Ordinal);
        Assert.Equal("labels", eod.ParamName);
        Assert.Contains("labels[1]", eod.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 300)]
    public Property Metrics_AnyGroups_AreInUnitIntervalAndIgnoreGroupIds() =>
        Prop.ForAll(PerformanceArbitraries.GroupedPairs(), ((double[] Labels, double[] Predictions, int[] Groups) c) =>
        {
            double dpd = FairnessMetrics.DemographicParityDifference(c.Predictions, c.Groups);
            double eod = FairnessMetrics.EqualizedOddsDifference(c.Labels, c.Predictions, c.Groups);

            // Renaming the groups one-to-one must not change either metric.
            int[] renamed = c.Groups.Select(g => g == int.MinValue ? 11 : g == int.MaxValue ? -11 : g * 2 + 1).ToArray();

            Assert.InRange(dpd, 0.0, 1.0);
            Assert.InRange(eod, 0.0, 1.0);
            Assert.Equal(dpd, FairnessMetrics.DemographicParityDifference(c.Predictions, renamed));
            Assert.Equal(eod, FairnessMetrics.EqualizedOddsDifference(c.Labels, c.Predictions, renamed));
        });

    [Property(MaxTest = 300)]
    public Property DemographicParityDifference_AnyGroups_MatchesPerGroupRates() =>
        Prop.ForAll(PerformanceArbitraries.GroupedPairs(), ((double[] Labels, double[] Predictions, int[] Groups) c) =>
        {
            double[] rates = c.Groups.Zip(c.Predictions)
                .GroupBy(p => p.First, p => p.Second)
                .Select(g => g.Average())
                .ToArray();

            Assert.Equal(rates.Max() - rates.Min(), FairnessMetrics.DemographicParityDifference(c.Predictions, c.Groups), 12);
        });
}
