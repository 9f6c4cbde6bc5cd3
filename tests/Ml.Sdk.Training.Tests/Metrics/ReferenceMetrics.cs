namespace Ml.Sdk.Training.Tests.Metrics;

/// <summary>
/// Textbook formulas written the slow, obvious way, to check the library's metrics against: every pair for ROC AUC,
/// a separate pass per class for the confusion counts.
/// </summary>
internal static class ReferenceMetrics
{
    /// <summary>P(score of a positive &gt; score of a negative) + ½ P(tie), over all positive–negative pairs.</summary>
    public static double PairwiseAuc(long[] labels, float[] scores)
    {
        double wins = 0;
        long pairs = 0;
        for (int p = 0; p < labels.Length; p++)
        {
            if (labels[p] != 1)
            {
                continue;
            }

            for (int n = 0; n < labels.Length; n++)
            {
                if (labels[n] != 0)
                {
                    continue;
                }

                pairs++;
                wins += scores[p] > scores[n] ? 1.0 : scores[p] == scores[n] ? 0.5 : 0.0;
            }
        }

        return wins / pairs;
    }

    /// <summary>Per-class precision, recall and F1 (harmonic mean) over the classes seen in either array.</summary>
    public static (double Precision, double Recall, double F1) Macro(long[] labels, long[] predicted)
    {
        long[] classes = labels.Concat(predicted).Distinct().ToArray();
        double precision = 0;
        double recall = 0;
        double f1 = 0;
        foreach (long c in classes)
        {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < labels.Length; i++)
            {
                tp += labels[i] == c && predicted[i] == c ? 1 : 0;
                fp += labels[i] != c && predicted[i] == c ? 1 : 0;
                fn += labels[i] == c && predicted[i] != c ? 1 : 0;
            }

            double p = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
            double r = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
            precision += p;
            recall += r;
            f1 += p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        return (precision / classes.Length, recall / classes.Length, f1 / classes.Length);
    }
}
