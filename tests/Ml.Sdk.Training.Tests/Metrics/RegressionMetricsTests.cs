using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ml.Sdk.Training.Metrics;

namespace Ml.Sdk.Training.Tests.Metrics;

public sealed class RegressionMetricsTests
{
    // The example of sklearn's r2_score, mean_absolute_error and root_mean_squared_error docs.
    private static readonly float[] s_targets = [3f, -0.5f, 2f, 7f];
    private static readonly float[] s_predictions = [2.5f, 0f, 2f, 8f];

    [Fact]
    public void MeanAbsoluteError_SklearnExample_IsHalf()
    {
        Assert.Equal(0.5, RegressionMetrics.MeanAbsoluteError(s_targets, s_predictions), 15);
    }

    [Fact]
    public void RootMeanSquaredError_SklearnExample_IsRootOfThreeEighths()
    {
        Assert.Equal(Math.Sqrt(0.375), RegressionMetrics.RootMeanSquaredError(s_targets, s_predictions), 15);
        Assert.Equal(0.612, RegressionMetrics.RootMeanSquaredError(s_targets, s_predictions), 0.001);
    }

    [Fact]
    public void R2_SklearnExample_MatchesDocumentedValue()
    {
        // SS_res = 1.5, SS_tot = 29.1875.
        Assert.Equal(1 - (1.5 / 29.1875), RegressionMetrics.R2(s_targets, s_predictions), 14);
        Assert.Equal(0.948, RegressionMetrics.R2(s_targets, s_predictions), 0.001);
    }

    [Fact]
    public void R2_ConstantTargetsPerfectlyPredicted_IsOne()
    {
        Assert.Equal(1.0, RegressionMetrics.R2([-2f, -2f, -2f], [-2f, -2f, -2f]));
    }

    [Fact]
    public void R2_ConstantTargetsImperfectlyPredicted_IsZeroNotMinusInfinity()
    {
        Assert.Equal(0.0, RegressionMetrics.R2([-2f, -2f, -2f], [-2f, -2f, -1.9f]));
    }

    [Fact]
    public void R2_SingleSample_IsNaN()
    {
        Assert.True(double.IsNaN(RegressionMetrics.R2([1f], [1f])));
    }

    [Fact]
    public void R2_PredictingTheMean_IsZero()
    {
        Assert.Equal(0.0, RegressionMetrics.R2([1f, 2f, 3f], [2f, 2f, 2f]), 15);
    }

    [Property(MaxTest = 200)]
    public Property Metrics_RandomPairs_MatchTextbookFormulas() =>
        Prop.ForAll(MetricArbitraries.RegressionPairs(), ((float[] Targets, float[] Predictions) c) =>
        {
            double[] residuals = c.Targets.Zip(c.Predictions, (t, p) => (double)t - p).ToArray();
            double mean = c.Targets.Average(t => (double)t);
            double total = c.Targets.Sum(t => ((double)t - mean) * ((double)t - mean));
            double mse = residuals.Average(r => r * r);
            double expectedR2 = total == 0 ? (mse == 0 ? 1 : 0) : 1 - (mse * c.Targets.Length / total);

            double mae = RegressionMetrics.MeanAbsoluteError(c.Targets, c.Predictions);
            double rmse = RegressionMetrics.RootMeanSquaredError(c.Targets, c.Predictions);
            Assert.Equal(residuals.Average(Math.Abs), mae, 1e-9);
            Assert.Equal(Math.Sqrt(mse), rmse, 1e-9);
            Assert.True(rmse >= mae - 1e-9, "RMSE is never below MAE (Jensen)");
            Assert.Equal(expectedR2, RegressionMetrics.R2(c.Targets, c.Predictions), 1e-9);
        });

    [Property(MaxTest = 100)]
    public Property R2_PerfectPredictions_IsOne() =>
        Prop.ForAll(MetricArbitraries.RegressionPairs(), ((float[] Targets, float[] Predictions) c) =>
            Assert.Equal(1.0, RegressionMetrics.R2(c.Targets, c.Targets)));
}
