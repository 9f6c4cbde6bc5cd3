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
            Count512(values[..done], edges, counts, ref above, ref notNaN);
        }
        else if (Vector256.IsHardwareAccelerated && values.Length >= Vector256<float>.Count)
        {
            done = values.Length - (values.Length % Vector256<float>.Count);
            Count256(values[..done], edges, counts, ref above, ref notNaN);
        }
        else if (Vector128.IsHardwareAccelerated && values.Length >= Vector128<float>.Count)
        {
            done = values.Length - (values.Length % Vector128<float>.Count);
            Count128(values[..done], edges, counts, ref above, ref notNaN);
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

    private static void Count512(
        ReadOnlySpan<float> values, ReadOnlySpan<float> edges, Span<long> less, ref long above, ref long notNaN)
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
                Pass512(
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

            FinalPass512(
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

    // Lane counters cannot overflow: a lane gains at most one per vector and a block holds BlockLength values.
    private static void Pass512(
        ref float block, int length, float e0, float e1, float e2, float e3,
        out int c0, out int c1, out int c2, out int c3)
    {
        Vector512<float> t0 = Vector512.Create(e0);
        Vector512<float> t1 = Vector512.Create(e1);
        Vector512<float> t2 = Vector512.Create(e2);
        Vector512<float> t3 = Vector512.Create(e3);
        Vector512<int> a0 = Vector512<int>.Zero;
        Vector512<int> a1 = Vector512<int>.Zero;
        Vector512<int> a2 = Vector512<int>.Zero;
        Vector512<int> a3 = Vector512<int>.Zero;
        Vector512<int> one = Vector512<int>.One;
        for (nuint i = 0; i < (nuint)length; i += (nuint)Vector512<float>.Count)
        {
            Vector512<float> v = Vector512.LoadUnsafe(ref block, i);

            // Written as a select so that the JIT emits a masked add (compare into a mask register, add under it):
            // two instructions per edge where subtracting the expanded mask takes three, and this loop is
            // instruction bound.
            a0 = Vector512.ConditionalSelect(Vector512.LessThan(v, t0).AsInt32(), a0 + one, a0);
            a1 = Vector512.ConditionalSelect(Vector512.LessThan(v, t1).AsInt32(), a1 + one, a1);
            a2 = Vector512.ConditionalSelect(Vector512.LessThan(v, t2).AsInt32(), a2 + one, a2);
            a3 = Vector512.ConditionalSelect(Vector512.LessThan(v, t3).AsInt32(), a3 + one, a3);
        }

        c0 = Vector512.Sum(a0);
        c1 = Vector512.Sum(a1);
        c2 = Vector512.Sum(a2);
        c3 = Vector512.Sum(a3);
    }

    private static void FinalPass512(
        ref float block, int length, float e0, float e1, float last,
        out int c0, out int c1, out int aboveLast, out int notNaN)
    {
        Vector512<float> t0 = Vector512.Create(e0);
        Vector512<float> t1 = Vector512.Create(e1);
        Vector512<float> tLast = Vector512.Create(last);
        Vector512<int> a0 = Vector512<int>.Zero;
        Vector512<int> a1 = Vector512<int>.Zero;
        Vector512<int> a2 = Vector512<int>.Zero;
        Vector512<int> a3 = Vector512<int>.Zero;
        Vector512<int> one = Vector512<int>.One;
        for (nuint i = 0; i < (nuint)length; i += (nuint)Vector512<float>.Count)
        {
            Vector512<float> v = Vector512.LoadUnsafe(ref block, i);
            a0 = Vector512.ConditionalSelect(Vector512.LessThan(v, t0).AsInt32(), a0 + one, a0);
            a1 = Vector512.ConditionalSelect(Vector512.LessThan(v, t1).AsInt32(), a1 + one, a1);
            a2 = Vector512.ConditionalSelect(Vector512.GreaterThan(v, tLast).AsInt32(), a2 + one, a2);

            // Only NaN differs from itself.
            a3 = Vector512.ConditionalSelect(Vector512.Equals(v, v).AsInt32(), a3 + one, a3);
        }

        c0 = Vector512.Sum(a0);
        c1 = Vector512.Sum(a1);
        aboveLast = Vector512.Sum(a2);
        notNaN = Vector512.Sum(a3);
    }

    private static void Count256(
        ReadOnlySpan<float> values, ReadOnlySpan<float> edges, Span<long> less, ref long above, ref long notNaN)
    {
        int lessCount = less.Length;
        float last = edges[^1];
        ref float start = ref MemoryMarshal.GetReference(values);
        for (int offset = 0; offset < values.Length; offset += BlockLength)
        {
            ref float block = ref Unsafe.Add(ref start, offset);
            int length = Math.Min(BlockLength, values.Length - offset);
            int j = 0;
            for (; lessCount - j > 2; j += 4)
            {
                Pass256(
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

            FinalPass256(
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

    private static void Pass256(
        ref float block, int length, float e0, float e1, float e2, float e3,
        out int c0, out int c1, out int c2, out int c3)
    {
        Vector256<float> t0 = Vector256.Create(e0);
        Vector256<float> t1 = Vector256.Create(e1);
        Vector256<float> t2 = Vector256.Create(e2);
        Vector256<float> t3 = Vector256.Create(e3);
        Vector256<int> a0 = Vector256<int>.Zero;
        Vector256<int> a1 = Vector256<int>.Zero;
        Vector256<int> a2 = Vector256<int>.Zero;
        Vector256<int> a3 = Vector256<int>.Zero;
        for (nuint i = 0; i < (nuint)length; i += (nuint)Vector256<float>.Count)
        {
            Vector256<float> v = Vector256.LoadUnsafe(ref block, i);

            // A true comparison is all ones, that is -1 as an integer, so subtracting the mask counts.
            a0 -= Vector256.LessThan(v, t0).AsInt32();
            a1 -= Vector256.LessThan(v, t1).AsInt32();
            a2 -= Vector256.LessThan(v, t2).AsInt32();
            a3 -= Vector256.LessThan(v, t3).AsInt32();
        }

        c0 = Vector256.Sum(a0);
        c1 = Vector256.Sum(a1);
        c2 = Vector256.Sum(a2);
        c3 = Vector256.Sum(a3);
    }

    private static void FinalPass256(
        ref float block, int length, float e0, float e1, float last,
        out int c0, out int c1, out int aboveLast, out int notNaN)
    {
        Vector256<float> t0 = Vector256.Create(e0);
        Vector256<float> t1 = Vector256.Create(e1);
        Vector256<float> tLast = Vector256.Create(last);
        Vector256<int> a0 = Vector256<int>.Zero;
        Vector256<int> a1 = Vector256<int>.Zero;
        Vector256<int> a2 = Vector256<int>.Zero;
        Vector256<int> a3 = Vector256<int>.Zero;
        for (nuint i = 0; i < (nuint)length; i += (nuint)Vector256<float>.Count)
        {
            Vector256<float> v = Vector256.LoadUnsafe(ref block, i);
            a0 -= Vector256.LessThan(v, t0).AsInt32();
            a1 -= Vector256.LessThan(v, t1).AsInt32();
            a2 -= Vector256.GreaterThan(v, tLast).AsInt32();
            a3 -= Vector256.Equals(v, v).AsInt32();
        }

        c0 = Vector256.Sum(a0);
        c1 = Vector256.Sum(a1);
        aboveLast = Vector256.Sum(a2);
        notNaN = Vector256.Sum(a3);
    }

    private static void Count128(
        ReadOnlySpan<float> values, ReadOnlySpan<float> edges, Span<long> less, ref long above, ref long notNaN)
    {
        int lessCount = less.Length;
        float last = edges[^1];
        ref float start = ref MemoryMarshal.GetReference(values);
        for (int offset = 0; offset < values.Length; offset += BlockLength)
        {
            ref float block = ref Unsafe.Add(ref start, offset);
            int length = Math.Min(BlockLength, values.Length - offset);
            int j = 0;
            for (; lessCount - j > 2; j += 4)
            {
                Pass128(
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

            FinalPass128(
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

    private static void Pass128(
        ref float block, int length, float e0, float e1, float e2, float e3,
        out int c0, out int c1, out int c2, out int c3)
    {
        Vector128<float> t0 = Vector128.Create(e0);
        Vector128<float> t1 = Vector128.Create(e1);
        Vector128<float> t2 = Vector128.Create(e2);
        Vector128<float> t3 = Vector128.Create(e3);
        Vector128<int> a0 = Vector128<int>.Zero;
        Vector128<int> a1 = Vector128<int>.Zero;
        Vector128<int> a2 = Vector128<int>.Zero;
        Vector128<int> a3 = Vector128<int>.Zero;
        for (nuint i = 0; i < (nuint)length; i += (nuint)Vector128<float>.Count)
        {
            Vector128<float> v = Vector128.LoadUnsafe(ref block, i);
            a0 -= Vector128.LessThan(v, t0).AsInt32();
            a1 -= Vector128.LessThan(v, t1).AsInt32();
            a2 -= Vector128.LessThan(v, t2).AsInt32();
            a3 -= Vector128.LessThan(v, t3).AsInt32();
        }

        c0 = Vector128.Sum(a0);
        c1 = Vector128.Sum(a1);
        c2 = Vector128.Sum(a2);
        c3 = Vector128.Sum(a3);
    }

    private static void FinalPass128(
        ref float block, int length, float e0, float e1, float last,
        out int c0, out int c1, out int aboveLast, out int notNaN)
    {
        Vector128<float> t0 = Vector128.Create(e0);
        Vector128<float> t1 = Vector128.Create(e1);
        Vector128<float> tLast = Vector128.Create(last);
        Vector128<int> a0 = Vector128<int>.Zero;
        Vector128<int> a1 = Vector128<int>.Zero;
        Vector128<int> a2 = Vector128<int>.Zero;
        Vector128<int> a3 = Vector128<int>.Zero;
        for (nuint i = 0; i < (nuint)length; i += (nuint)Vector128<float>.Count)
        {
            Vector128<float> v = Vector128.LoadUnsafe(ref block, i);
            a0 -= Vector128.LessThan(v, t0).AsInt32();
            a1 -= Vector128.LessThan(v, t1).AsInt32();
            a2 -= Vector128.GreaterThan(v, tLast).AsInt32();
            a3 -= Vector128.Equals(v, v).AsInt32();
        }

        c0 = Vector128.Sum(a0);
        c1 = Vector128.Sum(a1);
        aboveLast = Vector128.Sum(a2);
        notNaN = Vector128.Sum(a3);
    }
}
