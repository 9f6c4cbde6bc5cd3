using System.Buffers;
using System.Globalization;
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
        int n = u.Length;
        int m = v.Length;
        double scale = (double)n * m;
        int i = 0;
        int j = 0;
        double sum = 0;
        double previous = Math.Min(u[0], v[0]);
        while (i < n || j < m)
        {
            float x = j >= m || (i < n && u[i] <= v[j]) ? u[i] : v[j];

            // On [previous, x) the empirical CDFs are i/n and j/m; the difference is exact in 64-bit integers.
            long gap = ((long)i * m) - ((long)j * n);
            if (gap != 0)
            {
                sum += (Math.Abs(gap) / scale) * (x - previous);
            }

            while (i < n && u[i] == x)
            {
                i++;
            }

            while (j < m && v[j] == x)
            {
                j++;
            }

            previous = x;
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
