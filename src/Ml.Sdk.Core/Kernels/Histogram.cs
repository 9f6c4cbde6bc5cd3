using System.Globalization;
using System.Runtime.Intrinsics;
using Ml.Sdk.Core.Kernels.Internal;

namespace Ml.Sdk.Core.Kernels;

/// <summary>Counts values into bins with <c>numpy.histogram</c> semantics.</summary>
public static class Histogram
{
    // Past this many edges, comparing every value with every edge costs more than a binary search per value; the
    // wider the vectors, the more edges the comparisons can afford (measured: 101 edges still favour 16 lanes).
    internal static int MaxEdgesForCompareScheme =>
        Vector512.IsHardwareAccelerated ? 160 : Vector256.IsHardwareAccelerated ? 80 : 32;

    /// <summary>
    /// Counts <paramref name="values"/> into the bins delimited by <paramref name="binEdges"/>, exactly as
    /// <c>numpy.histogram(values, bins=binEdges)</c> does.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Bin <c>i</c> counts the values <c>v</c> with <c>binEdges[i] &lt;= v &lt; binEdges[i + 1]</c>, except the last bin,
    /// which also counts values equal to the last edge. When neighbouring edges are equal, the zero-width bin between
    /// them counts nothing and a value equal to the repeated edge lands in the later bin.
    /// </para>
    /// <para>
    /// Values below the first edge or above the last (infinities included) and NaN values are in no bin; the returned
    /// tally says how many there were. <paramref name="counts"/> is overwritten, not accumulated. Nothing is allocated.
    /// </para>
    /// </remarks>
    /// <param name="values">The values to count.</param>
    /// <param name="binEdges">The <c>n + 1</c> bin edges: at least two, none NaN, never decreasing.</param>
    /// <param name="counts">Receives the <c>n</c> per-bin counts.</param>
    /// <returns>How many values fell below, above, into no bin because NaN, and into some bin.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="binEdges"/> has fewer than two edges, holds a NaN or decreases (the message names the first
    /// offending index), or <paramref name="counts"/> does not have one element per bin.
    /// </exception>
    public static HistogramTally Count(ReadOnlySpan<float> values, ReadOnlySpan<float> binEdges, Span<long> counts)
    {
        ValidateEdges(binEdges);
        KernelGuard.ExactLength(counts.Length, binEdges.Length - 1, "one count per bin");

        return binEdges.Length <= MaxEdgesForCompareScheme
            ? CumulativeCompareCounter.Count(values, binEdges, counts)
            : BinarySearchCounter.Count(values, binEdges, counts);
    }

    private static void ValidateEdges(ReadOnlySpan<float> binEdges)
    {
        if (binEdges.Length < 2)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"'binEdges' has {binEdges.Length} elements; at least two edges are needed to make a bin."),
                nameof(binEdges));
        }

        for (int i = 0; i < binEdges.Length; i++)
        {
            float edge = binEdges[i];
            if (float.IsNaN(edge))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"binEdges[{i}] is NaN; bin edges must be numbers."),
                    nameof(binEdges));
            }

            if (i > 0 && edge < binEdges[i - 1])
            {
                throw new ArgumentException(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"binEdges[{i}] ({edge}) is less than binEdges[{i - 1}] ({binEdges[i - 1]}); bin edges must not decrease."),
                    nameof(binEdges));
            }
        }
    }
}
