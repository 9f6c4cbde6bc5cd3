using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
        // One step per value in merged order. Between the previous value and this one the empirical CDFs are i/n and
        // j/m, and n·m times their difference is the integer gap; ties need no care, since a repeated value adds a
        // zero-width step. The step is branch-free (the comparison picks the side by arithmetic), because in merged
        // order the side is close to a coin flip and a branch on it would be mispredicted half the time.
        int n = u.Length;
        int m = v.Length;
        ref float uStart = ref MemoryMarshal.GetReference(u);
        ref float vStart = ref MemoryMarshal.GetReference(v);
        int i = 0;
        int j = 0;
        long gap = 0;
        long step = (long)n + m;
        double sum = 0;
        double previous = Math.Min(u[0], v[0]);
        while (i < n && j < m)
        {
            float a = Unsafe.Add(ref uStart, i);
            float b = Unsafe.Add(ref vStart, j);
            int fromU = a <= b ? 1 : 0;
            double x = float.MinNative(a, b);
            sum += Math.Abs(gap) * (x - previous);
            previous = x;
            i += fromU;
            j += 1 - fromU;
            gap += (fromU * step) - n;
        }

        // One side is spent: the gap moves by a constant per remaining value of the other side.
        for (; i < n; i++)
        {
            double x = Unsafe.Add(ref uStart, i);
            sum += Math.Abs(gap) * (x - previous);
            previous = x;
            gap += m;
        }

        for (; j < m; j++)
        {
            double x = Unsafe.Add(ref vStart, j);
            sum += Math.Abs(gap) * (x - previous);
            previous = x;
            gap -= n;
        }

        return sum / ((double)n * m);
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
