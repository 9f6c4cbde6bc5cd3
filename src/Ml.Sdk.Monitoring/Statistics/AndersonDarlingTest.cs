namespace Ml.Sdk.Monitoring.Statistics;

/// <summary>k-sample Anderson–Darling test on two samples with the semantics of <c>scipy.stats.anderson_ksamp</c> (midrank).</summary>
public static class AndersonDarlingTest
{
    /// <summary>Runs the test on unsorted samples; the p-value is scipy's interpolated significance level, capped to [0.001, 0.25].</summary>
    public static StatisticalTestResult TwoSample(ReadOnlySpan<float> reference, ReadOnlySpan<float> current) => throw new NotImplementedException();

    /// <summary>Runs the test on samples sorted ascending.</summary>
    public static StatisticalTestResult TwoSampleSorted(ReadOnlySpan<float> sortedReference, ReadOnlySpan<float> sortedCurrent) => throw new NotImplementedException();
}
