namespace Ml.Sdk.Monitoring.Performance;

/// <summary>Regression metrics with scikit-learn's semantics.</summary>
public static class RegressionMetrics
{
    // CONTRACT (implemented by the alerts/metrics work).

    /// <summary>Root mean squared error (<c>sklearn.metrics.root_mean_squared_error</c>).</summary>
    public static double Rmse(ReadOnlySpan<double> labels, ReadOnlySpan<double> predictions) => throw new NotImplementedException();
}
