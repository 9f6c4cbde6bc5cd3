namespace Ml.Sdk.Monitoring.Statistics;

/// <summary>Pearson's chi-square goodness-of-fit test with the semantics of <c>scipy.stats.chisquare</c>.</summary>
public static class ChiSquareTest
{
    /// <summary>Tests observed counts against expected counts (same total); degrees of freedom = categories - 1.</summary>
    public static StatisticalTestResult GoodnessOfFit(ReadOnlySpan<double> observed, ReadOnlySpan<double> expected) => throw new NotImplementedException();
}
