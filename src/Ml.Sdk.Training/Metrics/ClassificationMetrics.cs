using Ml.Sdk.Training.Metrics.Internal;

namespace Ml.Sdk.Training.Metrics;

/// <summary>
/// Classification metrics over spans, with scikit-learn's documented semantics (<c>accuracy_score</c>,
/// <c>precision_score</c>/<c>recall_score</c>/<c>f1_score</c> with <c>average="macro"</c>, <c>log_loss</c> and binary
/// <c>roc_auc_score</c>). Every sum is taken in double precision.
/// </summary>
/// <remarks>
/// Deliberate differences from scikit-learn: labels are class indices in <c>[0, classCount)</c> rather than arbitrary
/// values; no sample weights; and where sklearn returns NaN with a warning on empty input, these methods throw.
/// </remarks>
public static class ClassificationMetrics
{
    /// <summary>
    /// The machine epsilon of <see cref="double"/> (2.220446049250313e-16), the clipping bound of
    /// <see cref="LogLoss"/>: sklearn's <c>np.finfo(np.float64).eps</c>.
    /// </summary>
    public const double LogLossEpsilon = 2.220446049250313e-16; // 2^-52

    /// <summary>The fraction of samples whose prediction equals the label, as <c>sklearn.metrics.accuracy_score</c>.</summary>
    /// <param name="labels">The true labels.</param>
    /// <param name="predicted">The predicted labels, one per label.</param>
    /// <returns>A value in [0, 1].</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="labels"/> is empty, or <paramref name="predicted"/> has a different length.
    /// </exception>
    public static double Accuracy(ReadOnlySpan<long> labels, ReadOnlySpan<long> predicted)
    {
        MetricInput.NotEmpty(labels.Length);
        MetricInput.SameLength(labels.Length, predicted.Length);
        long correct = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            correct += labels[i] == predicted[i] ? 1 : 0;
        }

        return (double)correct / labels.Length;
    }

    /// <summary>
    /// The macro-averaged precision, as <c>sklearn.metrics.precision_score(average="macro")</c>: the unweighted mean of
    /// each class's <c>tp / (tp + fp)</c>.
    /// </summary>
    /// <param name="labels">The true labels, each in <c>[0, classCount)</c>.</param>
    /// <param name="predicted">The predicted labels, each in <c>[0, classCount)</c>.</param>
    /// <param name="classCount">The number of classes; used to check the labels and size the counts.</param>
    /// <returns>A value in [0, 1].</returns>
    /// <remarks>
    /// As sklearn does with <c>labels=None</c>, the mean is over the classes present in <paramref name="labels"/> or
    /// <paramref name="predicted"/>, not over all <paramref name="classCount"/> classes: a class that neither occurs
    /// nor is predicted does not count. A class never predicted has precision 0 (sklearn's default
    /// <c>zero_division="warn"</c> returns 0; no warning is raised here).
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">
    /// The spans are empty or differ in length, or a label or prediction lies outside <c>[0, classCount)</c>; the
    /// message names the argument and the index.
    /// </exception>
    public static double MacroPrecision(ReadOnlySpan<long> labels, ReadOnlySpan<long> predicted, int classCount) =>
        Macro(labels, predicted, classCount, MacroScore.Precision);

    /// <summary>
    /// The macro-averaged recall, as <c>sklearn.metrics.recall_score(average="macro")</c>: the unweighted mean of each
    /// class's <c>tp / (tp + fn)</c>.
    /// </summary>
    /// <param name="labels">The true labels, each in <c>[0, classCount)</c>.</param>
    /// <param name="predicted">The predicted labels, each in <c>[0, classCount)</c>.</param>
    /// <param name="classCount">The number of classes; used to check the labels and size the counts.</param>
    /// <returns>A value in [0, 1].</returns>
    /// <remarks>
    /// The mean is over the classes present in <paramref name="labels"/> or <paramref name="predicted"/> (sklearn's
    /// <c>labels=None</c>). A class that is predicted but never occurs has recall 0 (sklearn's zero-division default).
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">
    /// The spans are empty or differ in length, or a label or prediction lies outside <c>[0, classCount)</c>.
    /// </exception>
    public static double MacroRecall(ReadOnlySpan<long> labels, ReadOnlySpan<long> predicted, int classCount) =>
        Macro(labels, predicted, classCount, MacroScore.Recall);

    /// <summary>
    /// The macro-averaged F1 score, as <c>sklearn.metrics.f1_score(average="macro")</c>: the unweighted mean of each
    /// class's <c>2·tp / (2·tp + fp + fn)</c>.
    /// </summary>
    /// <param name="labels">The true labels, each in <c>[0, classCount)</c>.</param>
    /// <param name="predicted">The predicted labels, each in <c>[0, classCount)</c>.</param>
    /// <param name="classCount">The number of classes; used to check the labels and size the counts.</param>
    /// <returns>A value in [0, 1].</returns>
    /// <remarks>
    /// Each class's F1 is computed from its counts, as current sklearn does, which equals the harmonic mean of its
    /// precision and recall when both are defined, and is 0 when the class has no true positive. The mean is over the
    /// classes present in <paramref name="labels"/> or <paramref name="predicted"/> (sklearn's <c>labels=None</c>);
    /// it is not the F1 of the macro precision and macro recall.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">
    /// The spans are empty or differ in length, or a label or prediction lies outside <c>[0, classCount)</c>.
    /// </exception>
    public static double MacroF1(ReadOnlySpan<long> labels, ReadOnlySpan<long> predicted, int classCount) =>
        Macro(labels, predicted, classCount, MacroScore.F1);

    /// <summary>
    /// The mean negative log-likelihood of the true class, as <c>sklearn.metrics.log_loss(labels=range(classCount))</c>
    /// in scikit-learn 1.5 and later.
    /// </summary>
    /// <param name="labels">The true labels, each in <c>[0, classCount)</c>.</param>
    /// <param name="probabilities">
    /// The predicted probabilities, row-major <c>labels.Length × classCount</c>: row <c>i</c> holds sample <c>i</c>'s
    /// probability of each class.
    /// </param>
    /// <param name="classCount">The number of classes, at least 2 (sklearn: log loss is only defined for two or more labels).</param>
    /// <returns>The mean of <c>-ln(clip(p[i, labels[i]], eps, 1 - eps))</c>, natural logarithm.</returns>
    /// <remarks>
    /// <para>
    /// Probabilities are clipped to <c>[eps, 1 - eps]</c> with <c>eps = </c><see cref="LogLossEpsilon"/>, the float64
    /// machine epsilon, after widening to double. This matches sklearn given float64 input; sklearn takes eps from the
    /// input's dtype, so a float32 NumPy array would be clipped at about 1.19e-7 instead — the results differ only for
    /// probabilities below that.
    /// </para>
    /// <para>
    /// Rows are not renormalised, as sklearn has not renormalised since 1.5; sklearn warns when a row does not sum to
    /// one, and this method accepts such rows silently.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is less than 2.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="labels"/> is empty, <paramref name="probabilities"/> does not hold one row per label, a label
    /// lies outside <c>[0, classCount)</c>, or a probability is NaN or infinite (sklearn rejects non-finite input
    /// too); the message names the argument and the index.
    /// </exception>
    public static double LogLoss(ReadOnlySpan<long> labels, ReadOnlySpan<float> probabilities, int classCount)
    {
        MetricInput.ClassCount(classCount, minimum: 2);
        MetricInput.NotEmpty(labels.Length);
        MetricInput.RowMajor(probabilities.Length, labels.Length, classCount);
        MetricInput.LabelsInRange(labels, classCount);
        MetricInput.Finite(probabilities);

        double sum = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double p = probabilities[(i * classCount) + (int)labels[i]];
            sum -= Math.Log(Math.Clamp(p, LogLossEpsilon, 1.0 - LogLossEpsilon));
        }

        return sum / labels.Length;
    }

    /// <summary>
    /// The area under the ROC curve of a binary classifier, as <c>sklearn.metrics.roc_auc_score</c> on binary labels.
    /// </summary>
    /// <param name="labels">The true labels, each 0 (negative) or 1 (positive).</param>
    /// <param name="scores">The scores, higher meaning more likely positive (a probability, a logit, a margin).</param>
    /// <returns>A value in [0, 1].</returns>
    /// <remarks>
    /// The result is the probability that a random positive scores above a random negative, with tied scores counting
    /// one half: the Mann–Whitney U over <c>positives × negatives</c>. That is exactly the trapezoidal area sklearn
    /// takes under its ROC curve, whose tied scores form a single diagonal step. Pairs are counted in 64-bit integers,
    /// so the result is exact up to the final division. Scores -0 and +0 are tied.
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// <paramref name="labels"/> is empty, the spans differ in length, a label is neither 0 nor 1, a score is NaN or
    /// infinite (sklearn rejects non-finite scores), or only one class is present (sklearn raises "Only one class
    /// present in y_true. ROC AUC score is not defined in that case").
    /// </exception>
    public static double RocAuc(ReadOnlySpan<long> labels, ReadOnlySpan<float> scores)
    {
        MetricInput.NotEmpty(labels.Length);
        MetricInput.SameLength(labels.Length, scores.Length);
        MetricInput.LabelsInRange(labels, classCount: 2);
        MetricInput.Finite(scores);

        float[] sortedScores = scores.ToArray();
        long[] sortedLabels = labels.ToArray();
        Array.Sort(sortedScores, sortedLabels);

        long positives = 0;
        long negatives = 0;
        long halfPairs = 0;
        int start = 0;
        while (start < sortedScores.Length)
        {
            // One run of tied scores: its positives beat every negative below it, and tie with its own negatives.
            int end = start;
            long runPositives = 0;
            while (end < sortedScores.Length && sortedScores[end] == sortedScores[start])
            {
                runPositives += sortedLabels[end];
                end++;
            }

            long runNegatives = end - start - runPositives;
            halfPairs += runPositives * ((2 * negatives) + runNegatives);
            positives += runPositives;
            negatives += runNegatives;
            start = end;
        }

        if (positives == 0 || negatives == 0)
        {
            throw new ArgumentException(
                $"Only one class ({(positives == 0 ? 0 : 1)}) is present in 'labels'; ROC AUC is not defined in that case.",
                nameof(labels));
        }

        return halfPairs / (2.0 * positives * negatives);
    }

    private static double Macro(ReadOnlySpan<long> labels, ReadOnlySpan<long> predicted, int classCount, MacroScore score)
    {
        MetricInput.ClassCount(classCount, minimum: 1);
        MetricInput.NotEmpty(labels.Length);
        MetricInput.SameLength(labels.Length, predicted.Length);
        MetricInput.LabelsInRange(labels, classCount);
        MetricInput.LabelsInRange(predicted, classCount);
        return ConfusionCounts.Count(labels, predicted, classCount).MacroAverage(score);
    }
}
