namespace Ml.Sdk.Monitoring.Statistics;

/// <summary>Two-proportion Z-test (pooled), two-sided, as Evidently's <c>z_stat_test</c>.</summary>
public static class ProportionZTest
{
    /// <summary>Tests whether the share of one category differs between the two samples.</summary>
    public static StatisticalTestResult TwoSample(long referenceHits, long referenceCount, long currentHits, long currentCount) => throw new NotImplementedException();
}
