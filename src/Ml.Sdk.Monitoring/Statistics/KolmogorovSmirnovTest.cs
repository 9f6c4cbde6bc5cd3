using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ml.Sdk.Monitoring.Statistics.Internal;

namespace Ml.Sdk.Monitoring.Statistics;

/// <summary>Two-sample Kolmogorov–Smirnov test with the semantics of <c>scipy.stats.ks_2samp</c> (two-sided).</summary>
/// <remarks>
/// <para>
/// The statistic is D = max |F_ref(x) - F_cur(x)| over all pooled values, with ties handled as scipy's
/// <c>searchsorted(side='right')</c> does (both empirical distribution functions step past every copy of a value
/// before they are compared).
/// </para>
/// <para>
/// <see cref="KolmogorovSmirnovMethod.Auto"/> uses the exact distribution when both samples hold at most 10,000
/// values and the asymptotic one otherwise. The exact path rounds D to the lattice h / lcm(n1, n2) and reports that
/// rounded value as the statistic, as scipy does; when the exact computation cannot produce a probability it falls
/// back to the asymptotic distribution, and <see cref="KolmogorovSmirnovMethod.Exact"/> also falls back when
/// lcm(n1, n2) would not fit in 32 bits. The asymptotic p-value is <c>kstwo.sf(D, round(n1 n2 / (n1 + n2)))</c>,
/// the finite-n one-sample distribution; with one value in each sample (where that n rounds to 0 and scipy returns
/// NaN) the p-value is defined as 1.
/// </para>
/// <para>
/// Empty samples are rejected. The unsorted entry point rejects NaN (naming the sample and the index) and sorts
/// pooled copies; the sorted entry point trusts its input (checked only in Debug builds), makes one merge pass and
/// allocates nothing on the asymptotic path.
/// </para>
/// </remarks>
public static class KolmogorovSmirnovTest
{
    private const int MaxAutoExactSize = 10_000;

    /// <summary>Runs the test on unsorted samples.</summary>
    /// <param name="reference">The reference sample; not empty, no NaN.</param>
    /// <param name="current">The current sample; not empty, no NaN.</param>
    /// <param name="method">How the p-value is computed.</param>
    /// <returns>D and its two-sided p-value.</returns>
    /// <exception cref="ArgumentException">A sample is empty or holds NaN.</exception>
    public static StatisticalTestResult TwoSample(ReadOnlySpan<float> reference, ReadOnlySpan<float> current, KolmogorovSmirnovMethod method = KolmogorovSmirnovMethod.Auto) =>
        UnsortedPair.Run(reference, nameof(reference), current, nameof(current), (sortedReference, sortedCurrent) => TwoSampleSorted(sortedReference, sortedCurrent, method));

    /// <summary>Runs the test on samples sorted ascending (no copy, no sort).</summary>
    /// <param name="sortedReference">The reference sample sorted ascending; not empty, no NaN (checked in Debug builds only).</param>
    /// <param name="sortedCurrent">The current sample sorted ascending; not empty, no NaN (checked in Debug builds only).</param>
    /// <param name="method">How the p-value is computed.</param>
    /// <returns>D and its two-sided p-value.</returns>
    /// <exception cref="ArgumentException">A sample is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="method"/> is not a defined value.</exception>
    public static StatisticalTestResult TwoSampleSorted(ReadOnlySpan<float> sortedReference, ReadOnlySpan<float> sortedCurrent, KolmogorovSmirnovMethod method = KolmogorovSmirnovMethod.Auto)
    {
        SampleValidation.ThrowIfEmpty(sortedReference, nameof(sortedReference));
        SampleValidation.ThrowIfEmpty(sortedCurrent, nameof(sortedCurrent));
        if (method is not (KolmogorovSmirnovMethod.Auto or KolmogorovSmirnovMethod.Exact or KolmogorovSmirnovMethod.Asymptotic))
        {
            throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown Kolmogorov–Smirnov method.");
        }

        SampleValidation.AssertSortedWithoutNaN(sortedReference);
        SampleValidation.AssertSortedWithoutNaN(sortedCurrent);

        int n1 = sortedReference.Length;
        int n2 = sortedCurrent.Length;
        double d = Statistic(sortedReference, sortedCurrent);

        bool exact = method switch
        {
            KolmogorovSmirnovMethod.Auto => Math.Max(n1, n2) <= MaxAutoExactSize,
            KolmogorovSmirnovMethod.Exact => ExactIsPossible(n1, n2),
            _ => false,
        };

        if (exact)
        {
            bool success = TwoSampleKolmogorovSmirnovExact.TryCompute(n1, n2, d, out double latticeD, out double probability);
            d = latticeD;
            if (success)
            {
                return new StatisticalTestResult(d, Math.Clamp(probability, 0, 1));
            }
        }

        return new StatisticalTestResult(d, AsymptoticPValue(n1, n2, d));
    }

    private static bool ExactIsPossible(int n1, int n2)
    {
        long g = TwoSampleKolmogorovSmirnovExact.GreatestCommonDivisor(n1, n2);
        return n1 / g < (double)int.MaxValue / (n2 / g);
    }

    private static double AsymptoticPValue(int n1, int n2, double d)
    {
        double m = Math.Max(n1, n2);
        double n = Math.Min(n1, n2);
        double effective = Math.Round(m * n / (m + n), MidpointRounding.ToEven);
        if (effective < 1)
        {
            return 1.0;
        }

        double p = KolmogorovDistribution.Sf((int)Math.Min(effective, int.MaxValue), d);
        return double.IsNaN(p) ? 1.0 : Math.Clamp(p, 0, 1);
    }

    /// <summary>D by one merge pass over both sorted samples; the extremes are tracked exactly in integers.</summary>
    internal static double Statistic(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        int n1 = x.Length;
        int n2 = y.Length;
        int i = 0;
        int j = 0;

        // i/n1 - j/n2 has the sign and order of i*n2 - j*n1; the final point (n1, n2) contributes 0. One step per value in
        // merged order, the side picked by arithmetic rather than a branch (in merged order it is close to a coin flip);
        // the difference is only judged once every copy of a value has been taken from both sides, as scipy's
        // searchsorted(side='right') does, and that check is well predicted (ties are rare in measured data).
        ref float xStart = ref MemoryMarshal.GetReference(x);
        ref float yStart = ref MemoryMarshal.GetReference(y);
        long step = (long)n1 + n2;
        long diff = 0;
        long maxDiff = 0;
        long minDiff = 0;
        int maxI = n1;
        int maxJ = n2;
        int minI = n1;
        int minJ = n2;
        float value = 0;
        while (i < n1 && j < n2)
        {
            float a = Unsafe.Add(ref xStart, i);
            float b = Unsafe.Add(ref yStart, j);
            int fromX = a <= b ? 1 : 0;
            value = float.MinNative(a, b);
            i += fromX;
            j += 1 - fromX;
            diff += (fromX * step) - n1;
            if (i == n1 || j == n2)
            {
                break;
            }

            if (float.MinNative(Unsafe.Add(ref xStart, i), Unsafe.Add(ref yStart, j)) == value)
            {
                continue;
            }

            Track(diff, i, j, ref maxDiff, ref maxI, ref maxJ, ref minDiff, ref minI, ref minJ);
        }

        // One side is spent: take the other side's copies of the last value, then judge that point once.
        while (i < n1 && Unsafe.Add(ref xStart, i) == value)
        {
            i++;
            diff += n2;
        }

        while (j < n2 && Unsafe.Add(ref yStart, j) == value)
        {
            j++;
            diff -= n1;
        }

        Track(diff, i, j, ref maxDiff, ref maxI, ref maxJ, ref minDiff, ref minI, ref minJ);

        // Once one sample is exhausted the difference moves monotonically to 0, so no later point is an extreme.
        double maxS = ((double)maxI / n1) - ((double)maxJ / n2);
        double minS = Math.Clamp(-(((double)minI / n1) - ((double)minJ / n2)), 0, 1);
        return minS > maxS ? minS : maxS;
    }

    private static void Track(long diff, int i, int j, ref long maxDiff, ref int maxI, ref int maxJ, ref long minDiff, ref int minI, ref int minJ)
    {
        if (diff > maxDiff)
        {
            maxDiff = diff;
            maxI = i;
            maxJ = j;
        }
        else if (diff < minDiff)
        {
            minDiff = diff;
            minI = i;
            minJ = j;
        }
    }
}
