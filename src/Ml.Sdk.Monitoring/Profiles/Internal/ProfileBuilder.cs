using System.Buffers;
using Ml.Sdk.Core.Kernels;
using Ml.Sdk.Monitoring.Drift.Internal;

namespace Ml.Sdk.Monitoring.Profiles.Internal;

/// <summary>Summarizes one reference column into its profile.</summary>
internal static class ProfileBuilder
{
    public static ColumnProfile Build(DriftColumn column, int columnIndex, ReferenceProfileOptions options) =>
        column.Kind == Drift.ColumnKind.Numeric
            ? new ColumnProfile(column.Name, BuildNumeric(column.Floats.Span, columnIndex, options))
            : new ColumnProfile(column.Name, BuildCategorical(column));

    public static NumericColumnProfile BuildNumeric(ReadOnlySpan<float> values, int columnIndex, ReferenceProfileOptions options)
    {
        float[] rented = ArrayPool<float>.Shared.Rent(Math.Max(values.Length, 1));
        try
        {
            int count = FiniteValues.Compact(values, rented);
            ReadOnlySpan<float> finite = rented.AsSpan(0, count);
            long missing = values.Length - count;
            if (count == 0)
            {
                return new NumericColumnProfile
                {
                    Count = 0,
                    MissingCount = missing,
                    Mean = double.NaN,
                    M2 = double.NaN,
                    Min = float.NaN,
                    Max = float.NaN,
                    DistinctCount = 0,
                    DistinctCountIsExact = true,
                    LowCardinalityValues = [],
                    LowCardinalityCounts = [],
                    BinEdges = [],
                    BinCounts = [],
                    SortedSample = [],
                    IsSampled = false,
                };
            }

            Moments moments = Moments.Compute(finite);

            var distinct = new Dictionary<float, long>();
            bool exact = CategoryCounter.CountValues(finite, distinct, finiteOnly: true, NumericColumnProfile.DistinctCountCap) >= 0;
            int distinctCount = exact ? distinct.Count : NumericColumnProfile.DistinctCountCap + 1;
            float[] lowValues = [];
            long[] lowCounts = [];
            if (distinctCount <= NumericColumnProfile.LowCardinalityLimit)
            {
                lowValues = [.. distinct.Keys.Order()];
                lowCounts = Array.ConvertAll(lowValues, value => distinct[value]);
            }

            float[] edges = new float[options.QuantileBinCount + 1];
            BinEdges.EquiDepth(finite, options.QuantileBinCount, edges);
            long[] binCounts = new long[options.QuantileBinCount];
            HistogramTally tally = Histogram.Count(finite, edges, binCounts);
            binCounts[0] += tally.Below;
            binCounts[^1] += tally.Above;

            bool sampled = count > options.SortedSampleLimit;
            float[] sample = sampled ? Sample(finite, options.SortedSampleLimit, options.Seed, columnIndex) : finite.ToArray();
            FloatRadixSort.Sort(sample);

            // M2 is kept as Moments accumulated it, so that Moments.FromParts rebuilds the same value from the profile alone.
            return new NumericColumnProfile
            {
                Count = moments.Count,
                MissingCount = missing,
                Mean = moments.Mean,
                M2 = moments.SumOfSquaredDeviations,
                Min = moments.Min,
                Max = moments.Max,
                DistinctCount = distinctCount,
                DistinctCountIsExact = exact,
                LowCardinalityValues = lowValues,
                LowCardinalityCounts = lowCounts,
                BinEdges = edges,
                BinCounts = binCounts,
                SortedSample = sample,
                IsSampled = sampled,
            };
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    private static CategoricalColumnProfile BuildCategorical(DriftColumn column)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        long missing = CategoryCounter.Count(column, counts);
        string[] labels = [.. counts.Keys.Order(StringComparer.Ordinal)];
        long[] labelCounts = Array.ConvertAll(labels, label => counts[label]);
        long total = 0;
        foreach (long c in labelCounts)
        {
            total += c;
        }

        return new CategoricalColumnProfile { Count = total, MissingCount = missing, Labels = labels, Counts = labelCounts };
    }

    // Reservoir sampling (Algorithm R): a uniform sample without replacement in one pass, seeded per column so that
    // columns do not share a pattern of kept rows.
    private static float[] Sample(ReadOnlySpan<float> values, int size, int seed, int columnIndex)
    {
        var random = new Random(unchecked(seed + (columnIndex * 1_000_003)));
        float[] sample = values[..size].ToArray();
        for (int i = size; i < values.Length; i++)
        {
            long slot = random.NextInt64(i + 1L);
            if (slot < size)
            {
                sample[slot] = values[i];
            }
        }

        return sample;
    }
}
