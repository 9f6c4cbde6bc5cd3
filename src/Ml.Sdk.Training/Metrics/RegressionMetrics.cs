using Ml.Sdk.Training.Metrics.Internal;

namespace Ml.Sdk.Training.Metrics;

/// <summary>
/// Regression metrics over spans, with scikit-learn's documented semantics (<c>mean_absolute_error</c>,
/// <c>root_mean_squared_error</c>, <c>r2_score</c>). Arguments come in sklearn's order, targets then predictions, and
/// every sum is taken in double precision (as sklearn computes on float64 input).
/// </summary>
/// <remarks>
/// Deliberate differences from scikit-learn: single-output only, no sample weights, and empty input throws instead of
/// returning NaN with a warning.
/// </remarks>
public static class RegressionMetrics
{
    /// <summary>The mean of <c>|target - prediction|</c>, as <c>sklearn.metrics.mean_absolute_error</c>.</summary>
    /// <param name="targets">The true values.</param>
    /// <param name="predictions">The predicted values, one per target.</param>
    /// <returns>A non-negative value.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="targets"/> is empty, the spans differ in length, or either holds NaN or an infinity (sklearn
    /// rejects non-finite input too); the message names the argument and the index.
    /// </exception>
    public static double MeanAbsoluteError(ReadOnlySpan<float> targets, ReadOnlySpan<float> predictions)
    {
        Validate(targets, predictions);
        double sum = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            sum += Math.Abs((double)targets[i] - predictions[i]);
        }

        return sum / targets.Length;
    }

    /// <summary>
    /// The square root of the mean of <c>(target - prediction)²</c>, as <c>sklearn.metrics.root_mean_squared_error</c>.
    /// </summary>
    /// <param name="targets">The true values.</param>
    /// <param name="predictions">The predicted values, one per target.</param>
    /// <returns>A non-negative value.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="targets"/> is empty, the spans differ in length, or either holds NaN or an infinity.
    /// </exception>
    public static double RootMeanSquaredError(ReadOnlySpan<float> targets, ReadOnlySpan<float> predictions)
    {
        Validate(targets, predictions);
        return Math.Sqrt(SumOfSquaredResiduals(targets, predictions) / targets.Length);
    }

    /// <summary>
    /// The coefficient of determination <c>1 - SS_res / SS_tot</c>, as <c>sklearn.metrics.r2_score</c> with its default
    /// <c>force_finite=True</c>.
    /// </summary>
    /// <param name="targets">The true values.</param>
    /// <param name="predictions">The predicted values, one per target.</param>
    /// <returns>
    /// At most 1, and unbounded below. When the targets are constant (<c>SS_tot == 0</c>), 1.0 if the predictions are
    /// perfect and 0.0 otherwise, as sklearn returns instead of NaN or -infinity. With a single sample, NaN, as
    /// sklearn returns (with a warning that R² is not well-defined with less than two samples).
    /// </returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="targets"/> is empty, the spans differ in length, or either holds NaN or an infinity.
    /// </exception>
    public static double R2(ReadOnlySpan<float> targets, ReadOnlySpan<float> predictions)
    {
        Validate(targets, predictions);
        if (targets.Length < 2)
        {
            return double.NaN;
        }

        double mean = 0;
        foreach (float target in targets)
        {
            mean += target;
        }

        mean /= targets.Length;
        double total = 0;
        foreach (float target in targets)
        {
            double deviation = target - mean;
            total += deviation * deviation;
        }

        double residual = SumOfSquaredResiduals(targets, predictions);
        if (total == 0)
        {
            return residual == 0 ? 1.0 : 0.0;
        }

        return 1.0 - (residual / total);
    }

    private static void Validate(ReadOnlySpan<float> targets, ReadOnlySpan<float> predictions)
    {
        MetricInput.NotEmpty(targets.Length);
        MetricInput.SameLength(targets.Length, predictions.Length);
        MetricInput.Finite(targets);
        MetricInput.Finite(predictions);
    }

    private static double SumOfSquaredResiduals(ReadOnlySpan<float> targets, ReadOnlySpan<float> predictions)
    {
        double sum = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            double residual = (double)targets[i] - predictions[i];
            sum += residual * residual;
        }

        return sum;
    }
}
