using System.Buffers;
using Ml.Sdk.Monitoring.Performance.Internal;

namespace Ml.Sdk.Monitoring.Performance;

/// <summary>Binary classification metrics with scikit-learn's semantics (labels and predictions are 0 or 1).</summary>
/// <remarks>
/// Every method throws <see cref="ArgumentException"/> when the spans differ in length or are empty, and names the first
/// index whose label or prediction is not exactly 0 or 1 (or whose score is NaN or infinite). Unlike scikit-learn, which
/// also takes other class labels, these metrics accept only 0 and 1 with 1 as the positive class.
/// </remarks>
public static class ClassificationMetrics
{
    /// <summary>Share of predictions equal to the label (<c>sklearn.metrics.accuracy_score</c>).</summary>
    /// <param name="labels">The true labels, 0 or 1.</param>
    /// <param name="predictions">The predicted labels, 0 or 1, in the same order.</param>
    /// <returns>The accuracy, in [0, 1].</returns>
    /// <exception cref="ArgumentException">The spans differ in length, are empty, or hold a value other than 0 or 1.</exception>
    public static double Accuracy(ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions)
    {
        ValidateBinaryPair(labels, predictions);
        int correct = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] == predictions[i])
            {
                correct++;
            }
        }

        return (double)correct / labels.Length;
    }

    /// <summary>F1 of the positive class 1 (<c>sklearn.metrics.f1_score</c>, zero_division=0).</summary>
    /// <param name="labels">The true labels, 0 or 1.</param>
    /// <param name="predictions">The predicted labels, 0 or 1, in the same order.</param>
    /// <returns>2·TP / (2·TP + FP + FN), or 0 when there is neither a positive label nor a positive prediction.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, are empty, or hold a value other than 0 or 1.</exception>
    public static double F1(ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions)
    {
        ValidateBinaryPair(labels, predictions);
        long truePositives = 0;
        long falsePositives = 0;
        long falseNegatives = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            bool actual = labels[i] == 1.0;
            bool predicted = predictions[i] == 1.0;
            if (actual && predicted)
            {
                truePositives++;
            }
            else if (predicted)
            {
                falsePositives++;
            }
            else if (actual)
            {
                falseNegatives++;
            }
        }

        long denominator = (2 * truePositives) + falsePositives + falseNegatives;
        return denominator == 0 ? 0.0 : 2.0 * truePositives / denominator;
    }

    /// <summary>Area under the ROC curve of scores against labels (<c>sklearn.metrics.roc_auc_score</c>, ties averaged); NaN when only one class is present.</summary>
    /// <param name="labels">The true labels, 0 or 1.</param>
    /// <param name="scores">The scores (higher means more likely positive), finite, in the same order.</param>
    /// <returns>
    /// The probability that a random positive scores above a random negative, a tie counting one half (the Mann–Whitney U of
    /// the positives over n₊·n₋); <see cref="double.NaN"/> when the labels hold only one class, where scikit-learn raises,
    /// because a monitoring window with no positives yet is a normal state, not a caller error.
    /// </returns>
    /// <exception cref="ArgumentException">The spans differ in length, are empty, a label is not 0 or 1, or a score is NaN or infinite.</exception>
    public static double RocAuc(ReadOnlySpan<double> labels, ReadOnlySpan<double> scores)
    {
        MetricInputs.RequireSameLength(labels.Length, nameof(labels), scores.Length, nameof(scores));
        MetricInputs.RequireNonEmpty(labels.Length, nameof(labels));
        MetricInputs.RequireBinary(labels, nameof(labels));
        MetricInputs.RequireFinite(scores, nameof(scores));

        int n = labels.Length;
        double[] sortedScores = ArrayPool<double>.Shared.Rent(n);
        double[] sortedLabels = ArrayPool<double>.Shared.Rent(n);
        try
        {
            Span<double> keys = sortedScores.AsSpan(0, n);
            Span<double> items = sortedLabels.AsSpan(0, n);
            scores.CopyTo(keys);
            labels.CopyTo(items);
            keys.Sort(items);

            // Twice the U statistic stays an exact integer: each positive gains 2 per negative scored below it and 1 per
            // negative tied with it, so no rounding creeps in however large the window.
            long twiceU = 0;
            long negativesBelow = 0;
            long positives = 0;
            int start = 0;
            while (start < n)
            {
                int end = start + 1;
                while (end < n && keys[end] == keys[start])
                {
                    end++;
                }

                long groupPositives = 0;
                for (int i = start; i < end; i++)
                {
                    if (items[i] == 1.0)
                    {
                        groupPositives++;
                    }
                }

                long groupNegatives = end - start - groupPositives;
                twiceU += groupPositives * ((2 * negativesBelow) + groupNegatives);
                negativesBelow += groupNegatives;
                positives += groupPositives;
                start = end;
            }

            long negatives = n - positives;
            if (positives == 0 || negatives == 0)
            {
                return double.NaN;
            }

            return twiceU / (2.0 * positives * negatives);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(sortedScores);
            ArrayPool<double>.Shared.Return(sortedLabels);
        }
    }

    private static void ValidateBinaryPair(ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions)
    {
        MetricInputs.RequireSameLength(labels.Length, nameof(labels), predictions.Length, nameof(predictions));
        MetricInputs.RequireNonEmpty(labels.Length, nameof(labels));
        MetricInputs.RequireBinary(labels, nameof(labels));
        MetricInputs.RequireBinary(predictions, nameof(predictions));
    }
}
