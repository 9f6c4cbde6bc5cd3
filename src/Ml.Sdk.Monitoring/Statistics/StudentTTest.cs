namespace Ml.Sdk.Monitoring.Statistics;

/// <summary>Two-sample t-test with the semantics of <c>scipy.stats.ttest_ind</c>.</summary>
public static class StudentTTest
{
    /// <summary>Runs the test on samples.</summary>
    public static StatisticalTestResult TwoSample(ReadOnlySpan<float> reference, ReadOnlySpan<float> current, bool equalVariances = true) => throw new NotImplementedException();

    /// <summary>Runs the test from the samples' moments (count, mean, variance) without rescanning them.</summary>
    public static StatisticalTestResult FromMoments(in Ml.Sdk.Core.Kernels.Moments reference, in Ml.Sdk.Core.Kernels.Moments current, bool equalVariances = true) => throw new NotImplementedException();
}
