using System.Globalization;
using Ml.Sdk.Monitoring.Statistics.Internal;

namespace Ml.Sdk.Monitoring.Statistics;

/// <summary>Pearson's chi-square goodness-of-fit test with the semantics of <c>scipy.stats.chisquare</c>.</summary>
/// <remarks>
/// <para>
/// Statistic sum (observed - expected)^2 / expected, p-value the chi-square survival function with k - 1 degrees of
/// freedom (ddof 0). As scipy, the two totals must agree to a relative tolerance of 1e-8.
/// </para>
/// <para>
/// Defined where scipy returns NaN or infinity: a category with expected 0 and observed 0 contributes 0; expected 0
/// with observed &gt; 0 makes the statistic +infinity and the p-value 0. A single category (no degree of freedom)
/// gives statistic 0 and p-value 1.
/// </para>
/// </remarks>
public static class ChiSquareTest
{
    private const double TotalTolerance = 1e-8;

    /// <summary>Tests observed counts against expected counts (same total); degrees of freedom = categories - 1.</summary>
    /// <param name="observed">Observed counts; not empty, finite and non-negative.</param>
    /// <param name="expected">Expected counts, one per category; finite and non-negative, same total as <paramref name="observed"/>.</param>
    /// <returns>The chi-square statistic and its p-value.</returns>
    /// <exception cref="ArgumentException">
    /// A span is empty, the lengths differ, a count is negative or not finite, or the totals differ.
    /// </exception>
    public static StatisticalTestResult GoodnessOfFit(ReadOnlySpan<double> observed, ReadOnlySpan<double> expected)
    {
        if (observed.IsEmpty)
        {
            throw new ArgumentException("At least one category is required.", nameof(observed));
        }

        if (expected.Length != observed.Length)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected has {expected.Length} categories but observed has {observed.Length}."),
                nameof(expected));
        }

        double observedTotal = 0;
        double expectedTotal = 0;
        for (int i = 0; i < observed.Length; i++)
        {
            ThrowIfInvalidCount(observed[i], i, nameof(observed));
            ThrowIfInvalidCount(expected[i], i, nameof(expected));
            observedTotal += observed[i];
            expectedTotal += expected[i];
        }

        if (Math.Abs(observedTotal - expectedTotal) > TotalTolerance * Math.Max(observedTotal, expectedTotal))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The observed total {observedTotal} and the expected total {expectedTotal} must agree to a relative tolerance of 1e-8."),
                nameof(expected));
        }

        double statistic = 0;
        for (int i = 0; i < observed.Length; i++)
        {
            double e = expected[i];
            double o = observed[i];
            if (e == 0)
            {
                if (o > 0)
                {
                    return new StatisticalTestResult(double.PositiveInfinity, 0.0);
                }

                continue;
            }

            double difference = o - e;
            statistic += difference * difference / e;
        }

        if (observed.Length == 1)
        {
            return new StatisticalTestResult(0.0, 1.0);
        }

        double p = SpecialFunctions.ChiSquareSf(statistic, observed.Length - 1);
        return new StatisticalTestResult(statistic, Math.Clamp(p, 0, 1));
    }

    private static void ThrowIfInvalidCount(double count, int index, string parameterName)
    {
        if (!double.IsFinite(count) || count < 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Count {count} at index {index} must be finite and non-negative."),
                parameterName);
        }
    }
}
