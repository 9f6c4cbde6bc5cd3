namespace Ml.Sdk.Monitoring.Statistics;

/// <summary>Two-sample Kolmogorov–Smirnov test with the semantics of <c>scipy.stats.ks_2samp</c> (two-sided).</summary>
public static class KolmogorovSmirnovTest
{
    // CONTRACT: NaN-free inputs; empty input is an ArgumentException. Statistic = D.
    /// <summary>Runs the test on unsorted samples.</summary>
    public static StatisticalTestResult TwoSample(ReadOnlySpan<float> reference, ReadOnlySpan<float> current, KolmogorovSmirnovMethod method = KolmogorovSmirnovMethod.Auto) => throw new NotImplementedException();

    /// <summary>Runs the test on samples sorted ascending (no copy, no sort).</summary>
    public static StatisticalTestResult TwoSampleSorted(ReadOnlySpan<float> sortedReference, ReadOnlySpan<float> sortedCurrent, KolmogorovSmirnovMethod method = KolmogorovSmirnovMethod.Auto) => throw new NotImplementedException();
}
