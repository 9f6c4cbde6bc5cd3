namespace Ml.Sdk.Monitoring.Statistics;

/// <summary>Two-sample Cramér–von Mises test with the semantics of <c>scipy.stats.cramervonmises_2samp</c>.</summary>
public static class CramerVonMisesTest
{
    /// <summary>Runs the test on unsorted samples.</summary>
    public static StatisticalTestResult TwoSample(ReadOnlySpan<float> reference, ReadOnlySpan<float> current) => throw new NotImplementedException();

    /// <summary>Runs the test on samples sorted ascending.</summary>
    public static StatisticalTestResult TwoSampleSorted(ReadOnlySpan<float> sortedReference, ReadOnlySpan<float> sortedCurrent) => throw new NotImplementedException();
}
