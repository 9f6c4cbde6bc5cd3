using Ml.Sdk.Monitoring.Statistics.Internal;

namespace Ml.Sdk.Monitoring.Statistics;

/// <summary>k-sample Anderson–Darling test on two samples with the semantics of <c>scipy.stats.anderson_ksamp</c> (midrank).</summary>
/// <remarks>
/// <para>
/// The statistic is scipy's standardized value (A2akN - 1) / sigma_N of Scholz and Stephens (1987), with A2akN the
/// midrank (tie-adjusted) version. The p-value is scipy's significance level: below the smallest tabulated critical
/// value (0.325) it is capped at 0.25, above the largest (6.546) floored at 0.001, and in between it is
/// exp(quadratic fit of log significance against the critical values), which — as in scipy — is not clipped and can
/// land a little outside [0.001, 0.25] near the ends of the table.
/// </para>
/// <para>
/// Deliberate differences, where scipy raises: when the pooled samples hold a single distinct value, or fewer than
/// four values in all (sigma_N is undefined), the samples carry no evidence of a difference and the result is
/// statistic 0 with p-value 1. Empty samples are rejected; the unsorted entry point rejects NaN with its index.
/// </para>
/// </remarks>
public static class AndersonDarlingTest
{
    // numpy.polyfit(critical, log(sig), 2) for two samples (m = 1), and the table's ends; see the tests for the derivation.
    private const double FitQuadratic = 0.01819809457411139;
    private const double FitLinear = -1.008226564465251;
    private const double FitConstant = -1.0777702798204876;
    private const double SmallestCritical = 0.32500000000000007;
    private const double LargestCritical = 6.546;

    /// <summary>Runs the test on unsorted samples; the p-value is scipy's interpolated significance level, capped to [0.001, 0.25].</summary>
    /// <param name="reference">The reference sample; not empty, no NaN.</param>
    /// <param name="current">The current sample; not empty, no NaN.</param>
    /// <returns>The standardized statistic and the significance level.</returns>
    /// <exception cref="ArgumentException">A sample is empty or holds NaN.</exception>
    public static StatisticalTestResult TwoSample(ReadOnlySpan<float> reference, ReadOnlySpan<float> current) =>
        UnsortedPair.Run(reference, nameof(reference), current, nameof(current), TwoSampleSorted);

    /// <summary>Runs the test on samples sorted ascending.</summary>
    /// <param name="sortedReference">The reference sample sorted ascending; not empty, no NaN (checked in Debug builds only).</param>
    /// <param name="sortedCurrent">The current sample sorted ascending; not empty, no NaN (checked in Debug builds only).</param>
    /// <returns>The standardized statistic and the significance level.</returns>
    /// <exception cref="ArgumentException">A sample is empty.</exception>
    public static StatisticalTestResult TwoSampleSorted(ReadOnlySpan<float> sortedReference, ReadOnlySpan<float> sortedCurrent)
    {
        SampleValidation.ThrowIfEmpty(sortedReference, nameof(sortedReference));
        SampleValidation.ThrowIfEmpty(sortedCurrent, nameof(sortedCurrent));
        SampleValidation.AssertSortedWithoutNaN(sortedReference);
        SampleValidation.AssertSortedWithoutNaN(sortedCurrent);

        double n1 = sortedReference.Length;
        double n2 = sortedCurrent.Length;
        double total = n1 + n2;
        double sum1 = 0;
        double sum2 = 0;
        int distinct = 0;
        var runs = new PooledRuns(sortedReference, sortedCurrent);
        while (runs.MoveNext())
        {
            distinct++;
            double tied = runs.FirstCount + runs.SecondCount;
            double b = runs.FirstBefore + runs.SecondBefore + (tied / 2);
            double denominator = (b * (total - b)) - (total * tied / 4);
            double m1 = runs.FirstBefore + runs.FirstCount - (runs.FirstCount / 2.0);
            double m2 = runs.SecondBefore + runs.SecondCount - (runs.SecondCount / 2.0);
            double d1 = (total * m1) - (b * n1);
            double d2 = (total * m2) - (b * n2);
            sum1 += tied / total * d1 * d1 / denominator;
            sum2 += tied / total * d2 * d2 / denominator;
        }

        if (distinct < 2 || total < 4)
        {
            return new StatisticalTestResult(0, 1);
        }

        double a2kn = ((sum1 / n1) + (sum2 / n2)) * ((total - 1) / total);
        double statistic = (a2kn - 1) / Math.Sqrt(Variance(n1, n2, total));

        double p;
        if (statistic < SmallestCritical)
        {
            p = 0.25;
        }
        else if (statistic > LargestCritical)
        {
            p = 0.001;
        }
        else
        {
            p = Math.Exp((((FitQuadratic * statistic) + FitLinear) * statistic) + FitConstant);
        }

        return new StatisticalTestResult(statistic, Math.Clamp(p, 0, 1));
    }

    private static double Variance(double n1, double n2, double total)
    {
        const int k = 2;
        double harmonicOfSizes = (1 / n1) + (1 / n2);
        long pooled = (long)total;

        // h = sum_{j=1}^{N-1} 1/j; g = sum_{i=1}^{N-2} (sum_{j=N-i}^{N-1} 1/j) / (i + 1), accumulated as scipy's cumsum.
        double cumulative = 0;
        double g = 0;
        for (long j = pooled - 1, i = 2; j >= 2; j--, i++)
        {
            cumulative += 1.0 / j;
            g += cumulative / i;
        }

        double h = cumulative + 1;
        double a = (((4 * g) - 6) * (k - 1)) + ((10 - (6 * g)) * harmonicOfSizes);
        double b = (((2 * g) - 4) * k * k) + (8 * h * k) + (((2 * g) - (14 * h) - 4) * harmonicOfSizes) - (8 * h) + (4 * g) - 6;
        double c = (((6 * h) + (2 * g) - 2) * k * k) + (((4 * h) - (4 * g) + 6) * k) + (((2 * h) - 6) * harmonicOfSizes) + (4 * h);
        double d = (((2 * h) + 6) * k * k) - (4 * h * k);
        double n = total;
        return ((a * n * n * n) + (b * n * n) + (c * n) + d) / ((n - 1) * (n - 2) * (n - 3));
    }
}
