using Ml.Sdk.Monitoring.Performance.Internal;

namespace Ml.Sdk.Monitoring.Performance;

/// <summary>Regression metrics with scikit-learn's semantics.</summary>
public static class RegressionMetrics
{
    /// <summary>Root mean squared error (<c>sklearn.metrics.root_mean_squared_error</c>).</summary>
    /// <param name="labels">The true values, finite.</param>
    /// <param name="predictions">The predicted values, finite, in the same order.</param>
    /// <returns>√(Σ(label − prediction)² / n).</returns>
    /// <exception cref="ArgumentException">The spans differ in length, are empty, or hold NaN or an infinity (the message names the index).</exception>
    public static double Rmse(ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions)
    {
        MetricInputs.RequireSameLength(labels.Length, nameof(labels), predictions.Length, nameof(predictions));
        MetricInputs.RequireNonEmpty(labels.Length, nameof(labels));
        MetricInputs.RequireFinite(labels, nameof(labels));
        MetricInputs.RequireFinite(predictions, nameof(predictions));

        double sumOfSquares = 0.0;
        for (int i = 0; i < labels.Length; i++)
        {
            double error = labels[i] - predictions[i];
            sumOfSquares += error * error;
        }

        return Math.Sqrt(sumOfSquares / labels.Length);
    }
}
