using Ml.Sdk.Core.Kernels;

namespace Ml.Sdk.Monitoring.Profiles.Internal;

/// <summary>What a drift check needs of one numeric reference column; the values are finite (NaN and ±∞ are missing).</summary>
internal sealed class NumericColumnProfile
{
    /// <summary>Distinct values are counted exactly up to this many; past it the count says only "more".</summary>
    public const int DistinctCountCap = 1000;

    /// <summary>Columns with at most this many distinct values keep them with their counts (Evidently's low-cardinality rule).</summary>
    public const int LowCardinalityLimit = 5;

    public required long Count { get; init; }

    public required long MissingCount { get; init; }

    public required double Mean { get; init; }

    /// <summary>Gets the sum of squared deviations from the mean.</summary>
    public required double M2 { get; init; }

    public required float Min { get; init; }

    public required float Max { get; init; }

    /// <summary>Gets the distinct-value count, exact when <see cref="DistinctCountIsExact"/>, else <see cref="DistinctCountCap"/> + 1.</summary>
    public required int DistinctCount { get; init; }

    public required bool DistinctCountIsExact { get; init; }

    /// <summary>Gets the distinct values in ascending order when there are at most five; empty otherwise.</summary>
    public required float[] LowCardinalityValues { get; init; }

    public required long[] LowCardinalityCounts { get; init; }

    /// <summary>Gets the reference-quantile bin edges (bins + 1); empty when the column has no values.</summary>
    public required float[] BinEdges { get; init; }

    /// <summary>Gets the counts per bin, the first and last bins open-ended.</summary>
    public required long[] BinCounts { get; init; }

    /// <summary>Gets every value sorted ascending, or a seeded uniform sample of them when <see cref="IsSampled"/>.</summary>
    public required float[] SortedSample { get; init; }

    public required bool IsSampled { get; init; }

    public double Variance => Count == 0 ? double.NaN : M2 / Count;

    public double SampleVariance => Count < 2 ? double.NaN : M2 / (Count - 1);

    public double StandardDeviation => Math.Sqrt(Variance);

    public bool IsLowCardinality => DistinctCount <= LowCardinalityLimit;

    /// <summary>Rebuilds the reference's <see cref="Moments"/> exactly, also after the profile was read back.</summary>
    public Moments ToMoments() => Moments.FromParts(Count, Mean, M2, Min, Max);
}
