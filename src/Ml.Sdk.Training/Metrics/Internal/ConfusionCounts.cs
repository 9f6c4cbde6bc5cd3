namespace Ml.Sdk.Training.Metrics.Internal;

/// <summary>
/// Per-class counts of a multiclass prediction, the one-vs-rest confusion that sklearn's
/// <c>precision_recall_fscore_support</c> derives from <c>multilabel_confusion_matrix</c>.
/// </summary>
internal sealed class ConfusionCounts
{
    private readonly long[] _truePositives;
    private readonly long[] _actual;
    private readonly long[] _predicted;

    private ConfusionCounts(int classCount)
    {
        _truePositives = new long[classCount];
        _actual = new long[classCount];
        _predicted = new long[classCount];
    }

    /// <summary>Counts labels and predictions that the caller has checked to lie in <c>[0, classCount)</c>.</summary>
    public static ConfusionCounts Count(ReadOnlySpan<long> labels, ReadOnlySpan<long> predicted, int classCount)
    {
        var counts = new ConfusionCounts(classCount);
        for (int i = 0; i < labels.Length; i++)
        {
            long label = labels[i];
            long guess = predicted[i];
            counts._actual[label]++;
            counts._predicted[guess]++;
            if (label == guess)
            {
                counts._truePositives[label]++;
            }
        }

        return counts;
    }

    /// <summary>
    /// The unweighted mean of <paramref name="score"/> over the classes that occur in the labels or the predictions
    /// (sklearn's <c>labels=None</c>), with 0 wherever a ratio has a zero denominator (sklearn's
    /// <c>zero_division="warn"</c>, which returns 0).
    /// </summary>
    public double MacroAverage(MacroScore score)
    {
        double sum = 0;
        int present = 0;
        for (int c = 0; c < _actual.Length; c++)
        {
            long tp = _truePositives[c];
            long actual = _actual[c];
            long predicted = _predicted[c];
            if (actual == 0 && predicted == 0)
            {
                continue;
            }

            present++;
            sum += score switch
            {
                MacroScore.Precision => Ratio(tp, predicted),
                MacroScore.Recall => Ratio(tp, actual),
                _ => Ratio(2 * tp, actual + predicted), // 2tp + fp + fn, since fp = predicted - tp and fn = actual - tp
            };
        }

        return sum / present;
    }

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? 0.0 : (double)numerator / denominator;
}
