using System.Buffers;
using Ml.Sdk.Core.Kernels;
using Ml.Sdk.Monitoring.Distances;
using Ml.Sdk.Monitoring.Profiles.Internal;
using Ml.Sdk.Monitoring.Statistics;

namespace Ml.Sdk.Monitoring.Drift.Internal;

/// <summary>Computes one column's drift from its reference profile and its current values.</summary>
internal static class ColumnDriftComputer
{
    public static void Compute(ColumnOutcome outcome, ColumnProfile reference, double epsilon)
    {
        DriftColumn? current = outcome.Current;
        if (current is null)
        {
            outcome.Status = ColumnDriftStatus.MissingFromCurrent;
            return;
        }

        if (current.Length == 0)
        {
            outcome.Status = ColumnDriftStatus.NoCurrentRows;
            return;
        }

        if (reference.Numeric is { } numeric)
        {
            ComputeNumeric(outcome, numeric, current.Floats.Span, epsilon);
        }
        else
        {
            ComputeCategorical(outcome, reference.Categorical!, current, epsilon);
        }
    }

    private static void ComputeCategorical(ColumnOutcome outcome, CategoricalColumnProfile reference, DriftColumn current, double epsilon)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        long missing = CategoryCounter.Count(current, counts);
        outcome.CurrentMissingCount = missing;
        outcome.CurrentCount = current.Length - missing;
        if (reference.Count == 0)
        {
            outcome.Status = ColumnDriftStatus.NoReferenceValues;
            return;
        }

        if (outcome.CurrentCount == 0)
        {
            outcome.Status = ColumnDriftStatus.NoCurrentValues;
            return;
        }

        var labels = new List<string>(reference.Labels);
        var referenceCounts = new List<long>(reference.Counts);
        var currentCounts = new List<long>(reference.Labels.Length);
        foreach (string label in reference.Labels)
        {
            currentCounts.Add(counts.Remove(label, out long count) ? count : 0);
        }

        foreach (string label in counts.Keys.Order(StringComparer.Ordinal))
        {
            labels.Add(label);
            referenceCounts.Add(0);
            currentCounts.Add(counts[label]);
        }

        CategoricalComparison.Run(outcome, [.. labels], [.. referenceCounts], [.. currentCounts], epsilon);
    }

    private static void ComputeNumeric(ColumnOutcome outcome, NumericColumnProfile reference, ReadOnlySpan<float> values, double epsilon)
    {
        // The current values are compacted (NaN and ±∞ stripped) into a pooled buffer only when some are missing or
        // when a rank method needs a sortable copy anyway; clean data for binned methods is read in place.
        float[]? rented = null;
        try
        {
            Moments moments = Moments.Compute(values);
            ReadOnlySpan<float> finite = values;
            if (moments.Count != values.Length || !float.IsFinite(moments.Min) || !float.IsFinite(moments.Max))
            {
                rented = ArrayPool<float>.Shared.Rent(values.Length);
                int count = FiniteValues.Compact(values, rented);
                finite = rented.AsSpan(0, count);
                moments = Moments.Compute(finite);
            }

            outcome.CurrentCount = finite.Length;
            outcome.CurrentMissingCount = values.Length - finite.Length;
            outcome.CurrentMean = moments.Mean;
            if (reference.Count == 0)
            {
                outcome.Status = ColumnDriftStatus.NoReferenceValues;
                return;
            }

            if (finite.IsEmpty)
            {
                outcome.Status = ColumnDriftStatus.NoCurrentValues;
                return;
            }

            if (TryCompareAsCategories(outcome, reference, finite, epsilon))
            {
                return;
            }

            DriftMethod method = outcome.Method;
            switch (method)
            {
                case DriftMethod.TTest:
                    TTest(outcome, reference, moments);
                    break;
                case DriftMethod.JensenShannon or DriftMethod.PopulationStabilityIndex or DriftMethod.KullbackLeibler or DriftMethod.Hellinger:
                    break;
                default:
                    Sorted(outcome, reference, finite, ref rented);
                    break;
            }

            Binned(outcome, reference, finite, epsilon);
            outcome.Status = ColumnDriftStatus.Tested;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<float>.Shared.Return(rented);
            }
        }
    }

    // Evidently treats a numeric column with at most five distinct values (reference ∪ current) as categorical when
    // it chooses automatically; the profile keeps those values when the reference has at most five. A method chosen
    // by the options keeps its own path, except the binned ones, which then compare the values' shares.
    private static bool TryCompareAsCategories(ColumnOutcome outcome, NumericColumnProfile reference, ReadOnlySpan<float> finite, double epsilon)
    {
        if (!reference.IsLowCardinality)
        {
            if (outcome.RequestedMethod is null)
            {
                outcome.Method = DriftDetectorRules.NumericMethod(reference.Count);
            }

            return false;
        }

        DriftMethod? requested = outcome.RequestedMethod;
        bool categorical = requested is null || !DriftMethodTraits.IsNumericOnly(requested.Value);
        if (!categorical)
        {
            return false;
        }

        // Counting stops once the union cannot stay within the limit (the current alone exceeding twice the limit).
        var counts = new Dictionary<float, long>();
        int cap = requested is null ? 2 * DriftDetectorRules.CategoricalDistinctLimit : int.MaxValue;
        bool complete = CategoryCounter.CountValues(finite, counts, finiteOnly: true, cap) >= 0;
        var union = new SortedSet<float>(reference.LowCardinalityValues);
        union.UnionWith(counts.Keys);
        if (requested is null && (!complete || union.Count > DriftDetectorRules.CategoricalDistinctLimit))
        {
            outcome.Method = DriftDetectorRules.NumericMethod(reference.Count);
            return false;
        }

        int k = union.Count;
        string[] labels = new string[k];
        long[] referenceCounts = new long[k];
        long[] currentCounts = new long[k];
        int index = 0;

        // The reference's values first, then the unseen ones, each in ascending order.
        for (int i = 0; i < reference.LowCardinalityValues.Length; i++, index++)
        {
            float value = reference.LowCardinalityValues[i];
            labels[index] = CategoryCounter.Label(value);
            referenceCounts[index] = reference.LowCardinalityCounts[i];
            currentCounts[index] = counts.Remove(value, out long count) ? count : 0;
        }

        foreach (float value in counts.Keys.Order())
        {
            labels[index] = CategoryCounter.Label(value);
            currentCounts[index++] = counts[value];
        }

        CategoricalComparison.Run(outcome, labels, referenceCounts, currentCounts, epsilon);
        return true;
    }

    private static void Sorted(ColumnOutcome outcome, NumericColumnProfile reference, ReadOnlySpan<float> finite, ref float[]? rented)
    {
        // Sorting needs a private copy; when the values were already compacted into the pooled buffer, sort that.
        if (rented is null)
        {
            rented = ArrayPool<float>.Shared.Rent(finite.Length);
            finite.CopyTo(rented);
        }

        Span<float> sorted = rented.AsSpan(0, finite.Length);
        uint[] scratch = ArrayPool<uint>.Shared.Rent(sorted.Length);
        try
        {
            FloatRadixSort.Sort(sorted, scratch);
        }
        finally
        {
            ArrayPool<uint>.Shared.Return(scratch);
        }

        ReadOnlySpan<float> sample = reference.SortedSample;
        switch (outcome.Method)
        {
            case DriftMethod.KolmogorovSmirnov:
                SetTest(outcome, KolmogorovSmirnovTest.TwoSampleSorted(sample, sorted));
                break;
            case DriftMethod.CramerVonMises:
                SetTest(outcome, CramerVonMisesTest.TwoSampleSorted(sample, sorted));
                break;
            case DriftMethod.AndersonDarling:
                SetTest(outcome, AndersonDarlingTest.TwoSampleSorted(sample, sorted));
                break;
            case DriftMethod.MannWhitneyU:
                SetTest(outcome, MannWhitneyUTest.TwoSampleSorted(sample, sorted));
                break;
            case DriftMethod.Wasserstein:
                outcome.Statistic = outcome.Score = WassersteinDistance.FromSortedUnchecked(sample, sorted);
                break;
            case DriftMethod.WassersteinNormed:
                double distance = WassersteinDistance.FromSortedUnchecked(sample, sorted);
                outcome.Statistic = outcome.Score =
                    distance / Math.Max(reference.StandardDeviation, DriftDetectorRules.WassersteinStandardDeviationFloor);
                break;
            default:
                throw new InvalidOperationException($"{outcome.Method} is not a method on sorted samples.");
        }
    }

    // Pooled variance, as Evidently's ttest_ind call; StudentTTest defines the both-constant case scipy leaves NaN.
    private static void TTest(ColumnOutcome outcome, NumericColumnProfile reference, in Moments current) =>
        SetTest(outcome, StudentTTest.FromMoments(reference.ToMoments(), current, equalVariances: true));

    // The current values are counted into the reference-quantile bins with the first and last bins open-ended, which
    // gives the binned distances and every numeric column's distribution for reports.
    private static void Binned(ColumnOutcome outcome, NumericColumnProfile reference, ReadOnlySpan<float> finite, double epsilon)
    {
        int bins = reference.BinCounts.Length;
        long[] counts = new long[bins];
        HistogramTally tally = Histogram.Count(finite, reference.BinEdges, counts);
        counts[0] += tally.Below;
        counts[^1] += tally.Above;

        double referenceTotal = reference.Count;
        double currentTotal = finite.Length;
        double[] referenceShares = new double[bins];
        double[] currentShares = new double[bins];
        for (int i = 0; i < bins; i++)
        {
            referenceShares[i] = reference.BinCounts[i] / referenceTotal;
            currentShares[i] = counts[i] / currentTotal;
        }

        if (outcome.Method is DriftMethod.JensenShannon or DriftMethod.PopulationStabilityIndex or DriftMethod.KullbackLeibler or DriftMethod.Hellinger)
        {
            outcome.Statistic = outcome.Score = CategoricalComparison.SharesDistance(outcome.Method, referenceShares, currentShares, epsilon);
        }

        outcome.Distribution = new DistributionComparison(
            ColumnKind.Numeric,
            Array.ConvertAll(reference.BinEdges, static edge => (double)edge),
            [],
            referenceShares,
            currentShares);
    }

    private static void SetTest(ColumnOutcome outcome, StatisticalTestResult result)
    {
        outcome.Statistic = result.Statistic;
        outcome.PValue = outcome.Score = result.PValue;
    }
}
