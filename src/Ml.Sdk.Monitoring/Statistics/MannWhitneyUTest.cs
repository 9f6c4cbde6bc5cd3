using Ml.Sdk.Monitoring.Statistics.Internal;

namespace Ml.Sdk.Monitoring.Statistics;

/// <summary>Mann–Whitney U test with the semantics of <c>scipy.stats.mannwhitneyu</c> (two-sided, method auto, continuity correction).</summary>
/// <remarks>
/// <para>
/// The statistic is U1 = R1 - n1 (n1 + 1) / 2 of the reference sample, R1 its sum of midranks in the pooled sample.
/// The p-value uses U = max(U1, n1 n2 - U1) and doubles its upper tail. As scipy 1.10's <c>method='auto'</c>: the
/// exact null distribution when there are no ties and at least one sample holds 8 or fewer values, otherwise the
/// normal approximation with the continuity correction and the tie-corrected variance. When every pooled value is
/// the same the variance is 0 and the p-value is 1 (scipy's limit too).
/// </para>
/// <para>
/// The exact distribution is the coefficient sequence of the Gaussian binomial [n1 + n2 choose n1]_q, built by
/// min(n1, n2) multiply/divide passes over a pooled array of n1 n2 / 2 + 1 counts.
/// </para>
/// <para>Empty samples are rejected; the unsorted entry point rejects NaN with its index.</para>
/// </remarks>
public static class MannWhitneyUTest
{
    private const int MaxExactSize = 8;

    /// <summary>Runs the test on unsorted samples; the statistic is U of the reference sample.</summary>
    /// <param name="reference">The reference sample; not empty, no NaN.</param>
    /// <param name="current">The current sample; not empty, no NaN.</param>
    /// <returns>U1 and the two-sided p-value.</returns>
    /// <exception cref="ArgumentException">A sample is empty or holds NaN.</exception>
    public static StatisticalTestResult TwoSample(ReadOnlySpan<float> reference, ReadOnlySpan<float> current) =>
        UnsortedPair.Run(reference, nameof(reference), current, nameof(current), TwoSampleSorted);

    /// <summary>Runs the test on samples sorted ascending.</summary>
    /// <param name="sortedReference">The reference sample sorted ascending; not empty, no NaN (checked in Debug builds only).</param>
    /// <param name="sortedCurrent">The current sample sorted ascending; not empty, no NaN (checked in Debug builds only).</param>
    /// <returns>U1 and the two-sided p-value.</returns>
    /// <exception cref="ArgumentException">A sample is empty.</exception>
    public static StatisticalTestResult TwoSampleSorted(ReadOnlySpan<float> sortedReference, ReadOnlySpan<float> sortedCurrent)
    {
        SampleValidation.ThrowIfEmpty(sortedReference, nameof(sortedReference));
        SampleValidation.ThrowIfEmpty(sortedCurrent, nameof(sortedCurrent));
        SampleValidation.AssertSortedWithoutNaN(sortedReference);
        SampleValidation.AssertSortedWithoutNaN(sortedCurrent);

        long n1 = sortedReference.Length;
        long n2 = sortedCurrent.Length;
        double n = n1 + n2;
        double rankSum = 0;
        double tieTerm = 0;
        bool ties = false;
        var runs = new PooledRuns(sortedReference, sortedCurrent);
        while (runs.MoveNext())
        {
            double t = runs.FirstCount + runs.SecondCount;
            double before = runs.FirstBefore + runs.SecondBefore;
            rankSum += runs.FirstCount * (before + ((t + 1) / 2));
            if (t > 1)
            {
                ties = true;
                tieTerm += (t * t * t) - t;
            }
        }

        double u1 = rankSum - (n1 * (n1 + 1) / 2.0);
        double product = (double)n1 * n2;
        double u = Math.Max(u1, product - u1);

        double p;
        if (!ties && Math.Min(n1, n2) <= MaxExactSize)
        {
            p = 2 * MannWhitneyExactDistribution.UpperTail((int)Math.Min(n1, n2), Math.Max(n1, n2), (long)u);
        }
        else
        {
            double s = Math.Sqrt(product / 12 * ((n + 1) - (tieTerm / (n * (n - 1)))));
            p = s > 0 ? 2 * SpecialFunctions.NormalSf((u - (product / 2) - 0.5) / s) : 1.0;
        }

        return new StatisticalTestResult(u1, Math.Clamp(p, 0, 1));
    }
}
