using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ml.Sdk.Monitoring.Performance;

namespace Ml.Sdk.Monitoring.Tests.Performance;

public sealed class RegressionMetricsTests
{
    [Fact]
    public void Rmse_KnownValues_IsRootOfMeanSquaredError()
    {
        // Squared errors 0.25, 0.25, 0, 1 → mean 0.375.
        // sklearn.metrics.mean_squared_error([3, -0.5, 2, 7], [2.5, 0.0, 2, 8], squared=False) = 0.6123724356957945
        Assert.Equal(0.6123724356957945, RegressionMetrics.Rmse([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]), 15);
    }

    [Fact]
    public void Rmse_SingleValue_IsAbsoluteError()
    {
        Assert.Equal(4.5, RegressionMetrics.Rmse([-1.5], [3.0]), 15);
    }

    [Fact]
    public void Rmse_LengthsDifferOrEmpty_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => RegressionMetrics.Rmse([1, 2], [1]));
        Assert.Throws<ArgumentException>(() => RegressionMetrics.Rmse([], []));
    }

    [Fact]
    public void Rmse_NonFiniteValue_NamesTheIndex()
    {
        ArgumentException labels = Assert.Throws<ArgumentException>(() => RegressionMetrics.Rmse([1, double.PositiveInfinity], [1, 2]));
        ArgumentException predictions = Assert.Throws<ArgumentException>(() => RegressionMetrics.Rmse([1, 2, 3], [1, 2, double.NaN]));

        Assert.Contains("labels[1]", labels.Message, StringComparison.Ordinal);
        Assert.Equal("predictions", predictions.ParamName);
        Assert.Contains("predictions[2]", predictions.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 300)]
    public Property Rmse_AnyPairs_IsAtLeastTheMeanAbsoluteBias() =>
        Prop.ForAll(PerformanceArbitraries.RegressionPairs(), ((double[] Labels, double[] Predictions) c) =>
        {
            double rmse = RegressionMetrics.Rmse(c.Labels, c.Predictions);
            double meanError = c.Labels.Zip(c.Predictions).Average(p => p.First - p.Second);

            // The quadratic mean bounds the arithmetic mean, and swapping the arguments changes nothing.
            Assert.True(rmse >= Math.Abs(meanError) - 1e-9, $"RMSE {rmse} below the mean error {meanError}");
            Assert.Equal(rmse, RegressionMetrics.Rmse(c.Predictions, c.Labels), 12);
            Assert.Equal(0.0, RegressionMetrics.Rmse(c.Labels, c.Labels));
        });
}
