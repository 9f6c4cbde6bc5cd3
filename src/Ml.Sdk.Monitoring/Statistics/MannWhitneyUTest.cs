namespace Ml.Sdk.Monitoring.Statistics;

/// <summary>Mann–Whitney U test with the semantics of <c>scipy.stats.mannwhitneyu</c> (two-sided, method auto, continuity correction).</summary>
public static class MannWhitneyUTest
{
    /// <summary>Runs the test on unsorted samples; the statistic is U of the reference sample.</summary>
    public static StatisticalTestResult TwoSample(ReadOnlySpan<float> reference, ReadOnlySpan<float> current) => throw new NotImplementedException();

    /// <summary>Runs the test on samples sorted ascending.</summary>
    public static StatisticalTestResult TwoSampleSorted(ReadOnlySpan<float> sortedReference, ReadOnlySpan<float> sortedCurrent) => throw new NotImplementedException();
}
