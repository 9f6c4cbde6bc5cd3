using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Ml.Sdk.Core.Kernels.Internal;

/// <summary>
/// Histogram counting for few bins without any scatter: every vector of values is compared with every edge and the
/// comparison masks are summed into per-lane counters, giving the cumulative counts <c>L(j) = #{v &lt; e_j}</c> from
/// which the bin counts are differences.
/// </summary>
internal static class CumulativeCompareCounter
{
    // Values are processed in blocks small enough to stay in L1 while each group of four edges makes its pass over
    // the block, so memory is read once however many edges there are.
    private const int BlockLength = 2048;

    /// <summary>Counts with <see cref="Histogram.Count"/> semantics; the arguments are already validated.</summary>
    public static HistogramTally Count(ReadOnlySpan<float> values, ReadOnlySpan<float> edges, Span<long> counts)
    {
        // counts[j] first accumulates L(j) = #{v < edges[j]} for j < n; the last edge is handled through the number
        // of values above it and the number of values that are not NaN.
        counts.Clear();
        long above = 0;
        long notNaN = 0;
        int done = 0;

        if (Vector512.IsHardwareAccelerated && values.Length >= Vector512<float>.Count)
        {
            done = values.Length - (values.Length % Vector512<float>.Count);
            CountBlocks<ComparePasses512>(values[..done], edges, counts, ref above, ref notNaN);
        }
        else if (Vector256.IsHardwareAccelerated && values.Length >= Vector256<float>.Count)
        {
            done = values.Length - (values.Length % Vector256<float>.Count);
            CountBlocks<ComparePasses256>(values[..done], edges, counts, ref above, ref notNaN);
        }
        else if (Vector128.IsHardwareAccelerated && values.Length >= Vector128<float>.Count)
        {
            done = values.Length - (values.Length % Vector128<float>.Count);
            CountBlocks<ComparePasses128>(values[..done], edges, counts, ref above, ref notNaN);
        }

        CountScalar(values[done..], edges, counts, ref above, ref notNaN);

        long atMostLast = notNaN - above;
        long below = counts[0];
        int binCount = counts.Length;
        long lastCumulative = counts[binCount - 1];
        for (int i = 0; i < binCount - 1; i++)
        {
            counts[i] = counts[i + 1] - counts[i];
        }

        counts[binCount - 1] = atMostLast - lastCumulative;
        return new HistogramTally(below, above, values.Length - notNaN, atMostLast - below);
    }

    private static void CountScalar(
        ReadOnlySpan<float> values, ReadOnlySpan<float> edges, Span<long> less, ref long above, ref long notNaN)
    {
        float last = edges[^1];
        foreach (float value in values)
        {
            for (int j = 0; j < less.Length; j++)
            {
                less[j] += value < edges[j] ? 1 : 0;
            }

            above += value > last ? 1 : 0;
            notNaN += float.IsNaN(value) ? 0 : 1;
        }
    }

    // The edge below the lowest value a float can hold: comparing against it never counts, so it pads a pass of four.
    private static float EdgeOrPadding(ReadOnlySpan<float> edges, int lessCount, int index) =>
        index < lessCount ? edges[index] : float.NegativeInfinity;

    private static void AddPass(Span<long> sink, int start, int lessCount, int a0, int a1, int a2, int a3)
    {
        int available = lessCount - start;
        sink[start] += a0;
        if (available > 1)
        {
            sink[start + 1] += a1;
        }

        if (available > 2)
        {
            sink[start + 2] += a2;
        }

        if (available > 3)
        {
            sink[start + 3] += a3;
        }
    }

    private static void CountBlocks<TPasses>(
        ReadOnlySpan<float> values, ReadOnlySpan<float> edges, Span<long> less, ref long above, ref long notNaN)
        where TPasses : struct, IComparePasses
    {
        int lessCount = less.Length;
        float last = edges[^1];
        ref float start = ref MemoryMarshal.GetReference(values);
        for (int offset = 0; offset < values.Length; offset += BlockLength)
        {
            ref float block = ref Unsafe.Add(ref start, offset);
            int length = Math.Min(BlockLength, values.Length - offset);
            int j = 0;

            // A remainder of one or two edges rides along in the final pass; three get a padded pass of their own.
            for (; lessCount - j > 2; j += 4)
            {
                TPasses.Pass(
                    ref block,
                    length,
                    EdgeOrPadding(edges, lessCount, j),
                    EdgeOrPadding(edges, lessCount, j + 1),
                    EdgeOrPadding(edges, lessCount, j + 2),
                    EdgeOrPadding(edges, lessCount, j + 3),
                    out int a0,
                    out int a1,
                    out int a2,
                    out int a3);
                AddPass(less, j, lessCount, a0, a1, a2, a3);
            }

            TPasses.FinalPass(
                ref block,
                length,
                EdgeOrPadding(edges, lessCount, j),
                EdgeOrPadding(edges, lessCount, j + 1),
                last,
                out int l0,
                out int l1,
                out int aboveInBlock,
                out int notNaNInBlock);
            if (j < lessCount)
            {
                AddPass(less, j, lessCount, l0, l1, 0, 0);
            }

            above += aboveInBlock;
            notNaN += notNaNInBlock;
        }
    }
}
