using Ml.Sdk.Monitoring.Statistics;

namespace Ml.Sdk.Monitoring.Tests.Statistics;

// Known answers from scipy 1.10.1 on float32 samples widened to float64 (the values these tests pass).
public sealed class AndersonDarlingTestScipyTests
{
    [Fact]
    public void TwoSample_ScholzStephensFirstTwo_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.anderson_ksamp([[38.7, 41.5, 43.8, 44.5, 45.5, 46.0, 47.7, 58.0], [39.2, 39.3, 39.7, 41.4, 41.8, 42.9, 43.3, 45.8]]) (statistic, significance_level)
        StatisticalTestResult result = AndersonDarlingTest.TwoSample(new float[] { 38.7f, 41.5f, 43.8f, 44.5f, 45.5f, 46.0f, 47.7f, 58.0f }, new float[] { 39.2f, 39.3f, 39.7f, 41.4f, 41.8f, 42.9f, 43.3f, 45.8f });
        ScipyAssert.Close(1.7183096744360893, result.Statistic);
        ScipyAssert.Close(0.06351467728760828, result.PValue);
    }

    [Fact]
    public void TwoSample_Interpolated_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.anderson_ksamp([modular(50, 7919, 10007, 1000.0, 0.0, 0), modular(30, 104729, 10009, 1000.0, 1.5, 0)]) (statistic, significance_level)
        StatisticalTestResult result = AndersonDarlingTest.TwoSample(TestSamples.Modular(50, 7919, 10007, 1000.0, 0.0, 0), TestSamples.Modular(30, 104729, 10009, 1000.0, 1.5, 0));
        ScipyAssert.Close(1.4153905877428175, result.Statistic);
        ScipyAssert.Close(0.08472471957792713, result.PValue);
    }

    [Fact]
    public void TwoSample_Ties_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.anderson_ksamp([modular(2000, 31, 97, 10.0, 0.0, 0), modular(3000, 37, 101, 10.0, 0.2, 0)]) (statistic, significance_level)
        StatisticalTestResult result = AndersonDarlingTest.TwoSample(TestSamples.Modular(2000, 31, 97, 10.0, 0.0, 0), TestSamples.Modular(3000, 37, 101, 10.0, 0.2, 0));
        ScipyAssert.Close(22.638580245655902, result.Statistic);
        ScipyAssert.Close(0.001, result.PValue);
    }

    [Fact]
    public void TwoSample_CappedHigh_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.anderson_ksamp([modular(300, 7919, 10007, 1000.0, 0.0, 0), modular(300, 7919, 10007, 1000.0, 0.0, 17)]) (statistic, significance_level)
        StatisticalTestResult result = AndersonDarlingTest.TwoSample(TestSamples.Modular(300, 7919, 10007, 1000.0, 0.0, 0), TestSamples.Modular(300, 7919, 10007, 1000.0, 0.0, 17));
        ScipyAssert.Close(-1.3059335260078417, result.Statistic);
        ScipyAssert.Close(0.25, result.PValue);
    }

    [Fact]
    public void TwoSample_FlooredLow_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.anderson_ksamp([modular(300, 7919, 10007, 1000.0, 0.0, 0), modular(200, 104729, 10009, 1000.0, 3.0, 0)]) (statistic, significance_level)
        StatisticalTestResult result = AndersonDarlingTest.TwoSample(TestSamples.Modular(300, 7919, 10007, 1000.0, 0.0, 0), TestSamples.Modular(200, 104729, 10009, 1000.0, 3.0, 0));
        ScipyAssert.Close(63.21521022938237, result.Statistic);
        ScipyAssert.Close(0.001, result.PValue);
    }
}
