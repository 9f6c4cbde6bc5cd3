using Ml.Sdk.Monitoring.Performance.Internal;

namespace Ml.Sdk.Monitoring.Performance;

/// <summary>Group fairness metrics with fairlearn's semantics (binary labels and predictions; groups as small integer ids).</summary>
/// <remarks>
/// Both metrics compare groups with each other (fairlearn's <c>method="between_groups"</c>), so a window with a single group
/// scores 0. Every method throws <see cref="ArgumentException"/> when the spans differ in length or are empty, and names the
/// first index whose label or prediction is not exactly 0 or 1.
/// </remarks>
public static class FairnessMetrics
{
    /// <summary>Largest minus smallest selection rate P(prediction = 1) across groups (<c>fairlearn.metrics.demographic_parity_difference</c>).</summary>
    /// <param name="predictions">The predicted labels, 0 or 1.</param>
    /// <param name="groups">The sensitive group of each prediction, in the same order.</param>
    /// <returns>The difference, in [0, 1].</returns>
    /// <exception cref="ArgumentException">The spans differ in length, are empty, or a prediction is not 0 or 1.</exception>
    public static double DemographicParityDifference(ReadOnlySpan<double> predictions, ReadOnlySpan<int> groups)
    {
        MetricInputs.RequireSameLength(predictions.Length, nameof(predictions), groups.Length, nameof(groups));
        MetricInputs.RequireNonEmpty(predictions.Length, nameof(predictions));
        MetricInputs.RequireBinary(predictions, nameof(predictions));

        double min = double.PositiveInfinity;
        double max = double.NegativeInfinity;
        foreach (GroupTally tally in GroupTally.ByGroup(default, predictions, groups).Values)
        {
            min = Math.Min(min, tally.SelectionRate);
            max = Math.Max(max, tally.SelectionRate);
        }

        return max - min;
    }

    /// <summary>The larger of the true-positive-rate and false-positive-rate differences across groups (<c>fairlearn.metrics.equalized_odds_difference</c>).</summary>
    /// <param name="labels">The true labels, 0 or 1.</param>
    /// <param name="predictions">The predicted labels, 0 or 1, in the same order.</param>
    /// <param name="groups">The sensitive group of each row, in the same order.</param>
    /// <returns>
    /// max(max TPR − min TPR, max FPR − min FPR) over the groups, in [0, 1]. As in fairlearn (whose rates come from
    /// <c>sklearn.metrics.confusion_matrix(normalize="true")</c>), a group without positive labels counts with a true-positive
    /// rate of 0 and a group without negative labels with a false-positive rate of 0; such a group is not skipped, so in a
    /// small window it can dominate the difference.
    /// </returns>
    /// <exception cref="ArgumentException">The spans differ in length, are empty, or a label or prediction is not 0 or 1.</exception>
    public static double EqualizedOddsDifference(ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions, ReadOnlySpan<int> groups)
    {
        MetricInputs.RequireSameLength(labels.Length, nameof(labels), predictions.Length, nameof(predictions));
        MetricInputs.RequireSameLength(labels.Length, nameof(labels), groups.Length, nameof(groups));
        MetricInputs.RequireNonEmpty(labels.Length, nameof(labels));
        MetricInputs.RequireBinary(labels, nameof(labels));
        MetricInputs.RequireBinary(predictions, nameof(predictions));

        double minTpr = double.PositiveInfinity;
        double maxTpr = double.NegativeInfinity;
        double minFpr = double.PositiveInfinity;
        double maxFpr = double.NegativeInfinity;
        foreach (GroupTally tally in GroupTally.ByGroup(labels, predictions, groups).Values)
        {
            minTpr = Math.Min(minTpr, tally.TruePositiveRate);
            maxTpr = Math.Max(maxTpr, tally.TruePositiveRate);
            minFpr = Math.Min(minFpr, tally.FalsePositiveRate);
            maxFpr = Math.Max(maxFpr, tally.FalsePositiveRate);
        }

        return Math.Max(maxTpr - minTpr, maxFpr - minFpr);
    }
}
