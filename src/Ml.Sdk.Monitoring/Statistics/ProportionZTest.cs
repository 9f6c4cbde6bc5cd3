using Ml.Sdk.Monitoring.Statistics.Internal;

namespace Ml.Sdk.Monitoring.Statistics;

/// <summary>Two-proportion Z-test (pooled), two-sided, as Evidently's <c>z_stat_test</c>.</summary>
/// <remarks>
/// z = (p1 - p2) / sqrt(P (1 - P) (1/n1 + 1/n2)) with the pooled share P = (h1 + h2) / (n1 + n2), and
/// p = 2 (1 - Phi(|z|)) computed as twice the normal upper tail so that tiny p-values keep their precision (Evidently
/// subtracts from 1 and reaches 0 near |z| = 8.3). When P is 0 or 1 (both samples all misses or all hits) the shares
/// are equal: z = 0 and p = 1, where Evidently divides 0 by 0.
/// </remarks>
public static class ProportionZTest
{
    /// <summary>Tests whether the share of one category differs between the two samples.</summary>
    /// <param name="referenceHits">Values of the category in the reference sample, 0 to <paramref name="referenceCount"/>.</param>
    /// <param name="referenceCount">Values in the reference sample, at least 1.</param>
    /// <param name="currentHits">Values of the category in the current sample, 0 to <paramref name="currentCount"/>.</param>
    /// <param name="currentCount">Values in the current sample, at least 1.</param>
    /// <returns>z (positive when the reference share is larger) and its two-sided p-value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is below 1 or a hit count is outside [0, count].</exception>
    public static StatisticalTestResult TwoSample(long referenceHits, long referenceCount, long currentHits, long currentCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(referenceCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(currentCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(referenceHits);
        ArgumentOutOfRangeException.ThrowIfNegative(currentHits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(referenceHits, referenceCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(currentHits, currentCount);

        double n1 = referenceCount;
        double n2 = currentCount;
        double p1 = referenceHits / n1;
        double p2 = currentHits / n2;
        double pooled = (double)(referenceHits + currentHits) / (n1 + n2);
        double variance = pooled * (1 - pooled) * ((1.0 / n1) + (1.0 / n2));
        if (variance <= 0)
        {
            return new StatisticalTestResult(0.0, 1.0);
        }

        double z = (p1 - p2) / Math.Sqrt(variance);
        double p = 2 * SpecialFunctions.NormalSf(Math.Abs(z));
        return new StatisticalTestResult(z, Math.Clamp(p, 0, 1));
    }
}
