using Ml.Sdk.Monitoring.Statistics.Internal;

namespace Ml.Sdk.Monitoring.Statistics;

/// <summary>Two-sample Cramér–von Mises test with the semantics of <c>scipy.stats.cramervonmises_2samp</c>.</summary>
/// <remarks>
/// <para>
/// The statistic is Anderson's (1962) T = U / (n1 n2 N) - (4 n1 n2 - 1) / (6 N), U built from the midranks of each
/// sample in the pooled sample. As scipy's <c>method='auto'</c>: when both samples hold at most 20 values the p-value
/// is the exact tail of the null distribution (lattice-path enumeration of Xiao, Gordon and Yakovlev 2006);
/// otherwise the statistic is standardized by its exact mean and variance and referred to the limiting distribution
/// of the one-sample statistic, whose series is truncated where scipy truncates it (terms below 1e-7).
/// </para>
/// <para>
/// Deliberate difference: scipy rejects samples of one value; here they are computed like any other (the exact
/// distribution is well defined for them). Empty samples are rejected; the unsorted entry point rejects NaN with
/// its index.
/// </para>
/// </remarks>
public static class CramerVonMisesTest
{
    private const int MaxExactSize = 20;

    /// <summary>Runs the test on unsorted samples.</summary>
    /// <param name="reference">The reference sample; not empty, no NaN.</param>
    /// <param name="current">The current sample; not empty, no NaN.</param>
    /// <returns>T and its p-value.</returns>
    /// <exception cref="ArgumentException">A sample is empty or holds NaN.</exception>
    public static StatisticalTestResult TwoSample(ReadOnlySpan<float> reference, ReadOnlySpan<float> current) =>
        UnsortedPair.Run(reference, nameof(reference), current, nameof(current), TwoSampleSorted);

    /// <summary>Runs the test on samples sorted ascending.</summary>
    /// <param name="sortedReference">The reference sample sorted ascending; not empty, no NaN (checked in Debug builds only).</param>
    /// <param name="sortedCurrent">The current sample sorted ascending; not empty, no NaN (checked in Debug builds only).</param>
    /// <returns>T and its p-value.</returns>
    /// <exception cref="ArgumentException">A sample is empty.</exception>
    public static StatisticalTestResult TwoSampleSorted(ReadOnlySpan<float> sortedReference, ReadOnlySpan<float> sortedCurrent)
    {
        SampleValidation.ThrowIfEmpty(sortedReference, nameof(sortedReference));
        SampleValidation.ThrowIfEmpty(sortedCurrent, nameof(sortedCurrent));
        SampleValidation.AssertSortedWithoutNaN(sortedReference);
        SampleValidation.AssertSortedWithoutNaN(sortedCurrent);

        long nx = sortedReference.Length;
        long ny = sortedCurrent.Length;
        double sumX = 0;
        double sumY = 0;
        var runs = new PooledRuns(sortedReference, sortedCurrent);
        while (runs.MoveNext())
        {
            double before = runs.FirstBefore + runs.SecondBefore;
            double rank = before + ((runs.FirstCount + runs.SecondCount + 1) / 2.0);
            for (int i = 1; i <= runs.FirstCount; i++)
            {
                double deviation = rank - (runs.FirstBefore + i);
                sumX += deviation * deviation;
            }

            for (int j = 1; j <= runs.SecondCount; j++)
            {
                double deviation = rank - (runs.SecondBefore + j);
                sumY += deviation * deviation;
            }
        }

        double u = (nx * sumX) + (ny * sumY);
        double k = (double)nx * ny;
        double n = nx + ny;
        double t = (u / (k * n)) - (((4 * k) - 1) / (6 * n));

        double p;
        if (Math.Max(nx, ny) <= MaxExactSize)
        {
            p = CramerVonMisesDistribution.ExactTwoSampleSf(u, (int)nx, (int)ny);
        }
        else
        {
            double expected = (1 + (1 / n)) / 6;
            double variance = (n + 1) * ((4 * k * n) - (3 * (((double)nx * nx) + ((double)ny * ny))) - (2 * k));
            variance /= 45 * n * n * 4 * k;
            double normalized = (1.0 / 6) + ((t - expected) / Math.Sqrt(45 * variance));
            p = normalized < 0.003 ? 1.0 : Math.Max(0, 1.0 - CramerVonMisesDistribution.LimitingCdf(normalized));
        }

        return new StatisticalTestResult(t, Math.Clamp(p, 0, 1));
    }
}
