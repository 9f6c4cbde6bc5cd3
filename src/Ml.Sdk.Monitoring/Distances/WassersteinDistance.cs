using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Ml.Sdk.Monitoring.Drift.Internal;

namespace Ml.Sdk.Monitoring.Distances;

/// <summary>The first Wasserstein (earth mover's) distance between two samples.</summary>
public static class WassersteinDistance
{
    /// <summary>
    /// Computes <c>scipy.stats.wasserstein_distance(u, v)</c> on the empirical distributions: the integral of
    /// <c>|U(x) - V(x)|</c> over x, where U and V are the samples' empirical distribution functions. The samples are
    /// copied into pooled buffers and radix-sorted; the inputs are not modified.
    /// </summary>
    /// <param name="u">The first sample: not empty, no NaN.</param>
    /// <param name="v">The second sample: not empty, no NaN.</param>
    /// <returns>The distance in the samples' units; infinite or NaN when a sample holds an infinity, as in scipy.</returns>
    /// <exception cref="ArgumentException">A sample is empty or holds a NaN.</exception>
    public static double Compute(ReadOnlySpan<float> u, ReadOnlySpan<float> v)
    {
        NotEmptyNoNaN(u, nameof(u));
        NotEmptyNoNaN(v, nameof(v));
        float[] sortedU = ArrayPool<float>.Shared.Rent(u.Length);
        float[] sortedV = ArrayPool<float>.Shared.Rent(v.Length);
        try
        {
            Span<float> su = sortedU.AsSpan(0, u.Length);
            Span<float> sv = sortedV.AsSpan(0, v.Length);
            u.CopyTo(su);
            v.CopyTo(sv);
            FloatRadixSort.Sort(su);
            FloatRadixSort.Sort(sv);
            return FromSortedUnchecked(su, sv);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(sortedU);
            ArrayPool<float>.Shared.Return(sortedV);
        }
    }

    /// <summary>Computes the distance of <see cref="Compute"/> from samples already sorted ascending, by one merge walk.</summary>
    /// <param name="sortedU">The first sample, sorted ascending: not empty, no NaN.</param>
    /// <param name="sortedV">The second sample, sorted ascending: not empty, no NaN.</param>
    /// <returns>The distance in the samples' units.</returns>
    /// <exception cref="ArgumentException">A sample is empty, holds a NaN, or is not sorted ascending.</exception>
    public static double FromSorted(ReadOnlySpan<float> sortedU, ReadOnlySpan<float> sortedV)
    {
        NotEmptyNoNaN(sortedU, nameof(sortedU));
        NotEmptyNoNaN(sortedV, nameof(sortedV));
        Ascending(sortedU, nameof(sortedU));
        Ascending(sortedV, nameof(sortedV));
        return FromSortedUnchecked(sortedU, sortedV);
    }

    /// <summary>The merge walk, for callers that guarantee non-empty, NaN-free, sorted samples.</summary>
    internal static double FromSortedUnchecked(ReadOnlySpan<float> u, ReadOnlySpan<float> v)
    {
        // In one dimension the distance between the CDFs equals the distance between the quantile functions:
        // W = ∫ |F - G| dx = ∫₀¹ |F⁻¹(t) - G⁻¹(t)| dt. On the quantile side the breakpoints are k/n and l/m, whose order
        // depends only on n and m, not on the values: no data-dependent branch, and with equal sizes a plain SIMD sum
        // of |u[k] - v[k]|. (Walking the merged values instead costs a mispredicted branch or a dependency chain per value.)
        int n = u.Length;
        int m = v.Length;
        if (n == m)
        {
            return SumOfAbsoluteDifferences(u, v) / n;
        }

        // Breakpoints in units of 1/(n·m): quantile k of u covers ((k)·m, (k+1)·m], quantile l of v covers (l·n, (l+1)·n].
        ref float uStart = ref MemoryMarshal.GetReference(u);
        ref float vStart = ref MemoryMarshal.GetReference(v);
        int k = 0;
        int l = 0;
        long position = 0;
        long nextK = m;
        long nextL = n;
        double sum = 0;
        while (k < n && l < m)
        {
            long end = Math.Min(nextK, nextL);
            sum += Math.Abs((double)Unsafe.Add(ref uStart, k) - Unsafe.Add(ref vStart, l)) * (end - position);
            position = end;
            if (nextK == end)
            {
                k++;
                nextK += m;
            }

            if (nextL == end)
            {
                l++;
                nextL += n;
            }
        }

        return sum / ((double)n * m);
    }

    private static double SumOfAbsoluteDifferences(ReadOnlySpan<float> u, ReadOnlySpan<float> v)
    {
        // Widened to double before subtracting, so each difference is exact, and summed in double so that a million
        // small terms keep their last digits.
        double sum = 0;
        int i = 0;
        if (Vector256.IsHardwareAccelerated && u.Length >= Vector256<float>.Count)
        {
            ref float uStart = ref MemoryMarshal.GetReference(u);
            ref float vStart = ref MemoryMarshal.GetReference(v);
            Vector256<double> lower = Vector256<double>.Zero;
            Vector256<double> upper = Vector256<double>.Zero;
            for (; i <= u.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256<float> a = Vector256.LoadUnsafe(ref uStart, (nuint)i);
                Vector256<float> b = Vector256.LoadUnsafe(ref vStart, (nuint)i);
                (Vector256<double> low, Vector256<double> high) = Vector256.Widen(a);
                (Vector256<double> lowB, Vector256<double> highB) = Vector256.Widen(b);
                lower += Vector256.Abs(low - lowB);
                upper += Vector256.Abs(high - highB);
            }

            sum = Vector256.Sum(lower + upper);
        }

        for (; i < u.Length; i++)
        {
            sum += Math.Abs((double)u[i] - v[i]);
        }

        return sum;
    }

    private static void NotEmptyNoNaN(ReadOnlySpan<float> values, string name)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("The sample is empty.", name);
        }

        int nan = values.IndexOfAnyExceptInRange(float.NegativeInfinity, float.PositiveInfinity);
        if (nan >= 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name}[{nan}] is NaN."), name);
        }
    }

    private static void Ascending(ReadOnlySpan<float> values, string name)
    {
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] < values[i - 1])
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"{name}[{i}] is less than {name}[{i - 1}]; the sample must be sorted ascending."),
                    name);
            }
        }
    }
}
