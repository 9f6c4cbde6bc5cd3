using Ml.Sdk.Core.Kernels;
using Ml.Sdk.Monitoring.Statistics.Internal;

namespace Ml.Sdk.Monitoring.Statistics;

/// <summary>Two-sample t-test with the semantics of <c>scipy.stats.ttest_ind</c>.</summary>
/// <remarks>
/// <para>
/// The statistic is (mean_ref - mean_cur) / se, two-sided p-value 2 P(T_df &gt; |t|) from the regularized incomplete
/// beta function. With <c>equalVariances</c> the pooled variance and df = n1 + n2 - 2 are used (Student); without,
/// Welch's standard error and Welch–Satterthwaite df.
/// </para>
/// <para>
/// Defined where scipy returns NaN: a one-value sample contributes no spread (its sum of squared deviations is 0)
/// instead of a NaN variance; when the standard error is 0 (both samples constant) equal means give statistic 0 and
/// p-value 1, different means give statistic +/-infinity and p-value 0; when no degree of freedom is left (one value
/// in each sample) the statistic is NaN and the p-value 1. Non-finite values make the statistic NaN and the p-value 1.
/// </para>
/// <para>
/// <see cref="TwoSample"/> computes <see cref="Moments"/> of each sample and calls <see cref="FromMoments"/>, so both
/// entry points agree exactly. Empty samples (or moments with a count of 0) are rejected; NaN in a sample is rejected
/// with its index.
/// </para>
/// </remarks>
public static class StudentTTest
{
    /// <summary>Runs the test on samples.</summary>
    /// <param name="reference">The reference sample; not empty, no NaN.</param>
    /// <param name="current">The current sample; not empty, no NaN.</param>
    /// <param name="equalVariances">Student's pooled-variance test when true, Welch's test when false.</param>
    /// <returns>t and its two-sided p-value.</returns>
    /// <exception cref="ArgumentException">A sample is empty or holds NaN.</exception>
    public static StatisticalTestResult TwoSample(ReadOnlySpan<float> reference, ReadOnlySpan<float> current, bool equalVariances = true)
    {
        SampleValidation.ThrowIfEmpty(reference, nameof(reference));
        SampleValidation.ThrowIfEmpty(current, nameof(current));
        Moments referenceMoments = Moments.Compute(reference);
        if (referenceMoments.NaNCount > 0)
        {
            SampleValidation.ThrowNaN(nameof(reference), SampleValidation.IndexOfNaN(reference));
        }

        Moments currentMoments = Moments.Compute(current);
        if (currentMoments.NaNCount > 0)
        {
            SampleValidation.ThrowNaN(nameof(current), SampleValidation.IndexOfNaN(current));
        }

        return FromMoments(referenceMoments, currentMoments, equalVariances);
    }

    /// <summary>Runs the test from the samples' moments (count, mean, variance) without rescanning them.</summary>
    /// <param name="reference">The reference sample's moments; a count of at least 1.</param>
    /// <param name="current">The current sample's moments; a count of at least 1.</param>
    /// <param name="equalVariances">Student's pooled-variance test when true, Welch's test when false.</param>
    /// <returns>t and its two-sided p-value.</returns>
    /// <exception cref="ArgumentException">A count is 0.</exception>
    public static StatisticalTestResult FromMoments(in Moments reference, in Moments current, bool equalVariances = true)
    {
        if (reference.Count == 0)
        {
            throw new ArgumentException("The sample must hold at least one value.", nameof(reference));
        }

        if (current.Count == 0)
        {
            throw new ArgumentException("The sample must hold at least one value.", nameof(current));
        }

        double n1 = reference.Count;
        double n2 = current.Count;
        double v1 = reference.Count == 1 ? 0.0 : reference.SampleVariance;
        double v2 = current.Count == 1 ? 0.0 : current.SampleVariance;
        double difference = reference.Mean - current.Mean;
        if (!double.IsFinite(difference) || !double.IsFinite(v1) || !double.IsFinite(v2))
        {
            return new StatisticalTestResult(double.NaN, 1.0);
        }

        double df;
        double denominator;
        if (equalVariances)
        {
            df = n1 + n2 - 2.0;
            if (df <= 0)
            {
                return new StatisticalTestResult(double.NaN, 1.0);
            }

            double pooled = (((n1 - 1) * v1) + ((n2 - 1) * v2)) / df;
            denominator = Math.Sqrt(pooled * ((1.0 / n1) + (1.0 / n2)));
        }
        else
        {
            if (reference.Count == 1 && current.Count == 1)
            {
                return new StatisticalTestResult(double.NaN, 1.0);
            }

            double vn1 = v1 / n1;
            double vn2 = v2 / n2;
            double sum = vn1 + vn2;
            double welchDenominator = (reference.Count > 1 ? vn1 * vn1 / (n1 - 1) : 0) + (current.Count > 1 ? vn2 * vn2 / (n2 - 1) : 0);
            df = welchDenominator > 0 ? sum * sum / welchDenominator : 1.0;
            denominator = Math.Sqrt(sum);
        }

        if (denominator == 0)
        {
            return difference == 0
                ? new StatisticalTestResult(0.0, 1.0)
                : new StatisticalTestResult(difference > 0 ? double.PositiveInfinity : double.NegativeInfinity, 0.0);
        }

        double t = difference / denominator;
        double p = 2 * SpecialFunctions.StudentTSf(Math.Abs(t), df);
        return new StatisticalTestResult(t, Math.Clamp(p, 0, 1));
    }
}
