using Ml.Sdk.Monitoring.Distances;
using Ml.Sdk.Monitoring.Statistics;

namespace Ml.Sdk.Monitoring.Drift.Internal;

/// <summary>
/// Compares category counts over the union of the reference's and the current data's categories: chi-square, Z-test
/// and the distances on shares. Used for categorical columns and for numeric columns with at most five distinct
/// reference values.
/// </summary>
internal static class CategoricalComparison
{
    /// <summary>Runs the comparison and fills <paramref name="outcome"/>.</summary>
    /// <param name="outcome">The column's outcome; its method is set when the automatic rule chooses.</param>
    /// <param name="labels">The union of the categories: the reference's first, then those only in the current data.</param>
    /// <param name="referenceCounts">The reference count per category (0 for the unseen ones).</param>
    /// <param name="currentCounts">The current count per category.</param>
    /// <param name="epsilon">The share given to empty categories by PSI and KL.</param>
    public static void Run(ColumnOutcome outcome, string[] labels, long[] referenceCounts, long[] currentCounts, double epsilon)
    {
        int k = labels.Length;
        long referenceTotal = 0;
        long currentTotal = 0;
        for (int i = 0; i < k; i++)
        {
            referenceTotal += referenceCounts[i];
            currentTotal += currentCounts[i];
        }

        if (outcome.RequestedMethod is null)
        {
            outcome.Method = DriftDetectorRules.CategoricalMethod(referenceTotal, k);
        }

        double[] referenceShares = new double[k];
        double[] currentShares = new double[k];
        var unseen = new List<string>();
        for (int i = 0; i < k; i++)
        {
            referenceShares[i] = referenceCounts[i] / (double)referenceTotal;
            currentShares[i] = currentCounts[i] / (double)currentTotal;
            if (referenceCounts[i] == 0 && currentCounts[i] > 0)
            {
                unseen.Add(labels[i]);
            }
        }

        unseen.Sort(StringComparer.Ordinal);
        outcome.UnseenCategories = unseen;

        switch (outcome.Method)
        {
            case DriftMethod.ChiSquare:
                ChiSquare(outcome, referenceCounts, currentCounts, referenceTotal, currentTotal, unseen.Count > 0);
                break;
            case DriftMethod.ZTest:
                ZTest(outcome, labels, referenceCounts, currentCounts, referenceTotal, currentTotal);
                break;
            default:
                outcome.Statistic = outcome.Score = SharesDistance(outcome.Method, referenceShares, currentShares, epsilon);
                break;
        }

        outcome.Status = ColumnDriftStatus.Tested;
        outcome.Distribution = Distribution(labels, referenceCounts, currentCounts, referenceShares, currentShares);
    }

    /// <summary>Computes a distance between two share vectors with the method's semantics.</summary>
    public static double SharesDistance(DriftMethod method, ReadOnlySpan<double> reference, ReadOnlySpan<double> current, double epsilon) =>
        method switch
        {
            DriftMethod.JensenShannon => JensenShannonDistance.Compute(reference, current),
            DriftMethod.PopulationStabilityIndex => PopulationStabilityIndex.Compute(reference, current, epsilon),
            DriftMethod.KullbackLeibler => KullbackLeiblerDivergence.Compute(reference, current, epsilon),
            DriftMethod.Hellinger => HellingerDistance.Compute(reference, current),
            DriftMethod.TotalVariation => TotalVariationDistance.Compute(reference, current),
            _ => throw new InvalidOperationException($"{method} is not a distance on shares."),
        };

    // Expected counts are the reference shares scaled to the current total, as Evidently's chi_stat_test. A category the
    // reference never saw has an expected count of 0, where scipy's chisquare gives an infinite statistic and p = 0;
    // that is returned without calling the test. With a single category there is nothing to test: statistic 0, p = 1.
    private static void ChiSquare(ColumnOutcome outcome, long[] referenceCounts, long[] currentCounts, long referenceTotal, long currentTotal, bool unseen)
    {
        if (unseen)
        {
            outcome.Statistic = double.PositiveInfinity;
            outcome.PValue = outcome.Score = 0;
            return;
        }

        int k = referenceCounts.Length;
        if (k < 2)
        {
            outcome.Statistic = 0;
            outcome.PValue = outcome.Score = 1;
            return;
        }

        double[] observed = new double[k];
        double[] expected = new double[k];
        for (int i = 0; i < k; i++)
        {
            observed[i] = currentCounts[i];
            expected[i] = referenceCounts[i] * (double)currentTotal / referenceTotal;
        }

        StatisticalTestResult result = ChiSquareTest.GoodnessOfFit(observed, expected);
        outcome.Statistic = result.Statistic;
        outcome.PValue = outcome.Score = result.PValue;
    }

    // The proportion tested is the share of the reference's most frequent category (ties: the ordinally first label).
    // When both samples sit wholly inside or wholly outside it the pooled variance is 0: nothing differs, p = 1.
    private static void ZTest(ColumnOutcome outcome, string[] labels, long[] referenceCounts, long[] currentCounts, long referenceTotal, long currentTotal)
    {
        int top = 0;
        for (int i = 1; i < labels.Length; i++)
        {
            if (referenceCounts[i] > referenceCounts[top] ||
                (referenceCounts[i] == referenceCounts[top] && string.CompareOrdinal(labels[i], labels[top]) < 0))
            {
                top = i;
            }
        }

        long hits = referenceCounts[top] + currentCounts[top];
        if (hits == 0 || hits == referenceTotal + currentTotal)
        {
            outcome.Statistic = 0;
            outcome.PValue = outcome.Score = 1;
            return;
        }

        StatisticalTestResult result = ProportionZTest.TwoSample(referenceCounts[top], referenceTotal, currentCounts[top], currentTotal);
        outcome.Statistic = result.Statistic;
        outcome.PValue = outcome.Score = result.PValue;
    }

    // Reports list the categories most frequent first: by reference count, then current count, then the union order.
    private static DistributionComparison Distribution(string[] labels, long[] referenceCounts, long[] currentCounts, double[] referenceShares, double[] currentShares)
    {
        int[] order = new int[labels.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            int byReference = referenceCounts[b].CompareTo(referenceCounts[a]);
            if (byReference != 0)
            {
                return byReference;
            }

            int byCurrent = currentCounts[b].CompareTo(currentCounts[a]);
            return byCurrent != 0 ? byCurrent : a.CompareTo(b);
        });

        return new DistributionComparison(
            ColumnKind.Categorical,
            [],
            Array.ConvertAll(order, i => labels[i]),
            Array.ConvertAll(order, i => referenceShares[i]),
            Array.ConvertAll(order, i => currentShares[i]));
    }
}
