using Ml.Sdk.Monitoring.Statistics;

namespace Ml.Sdk.Monitoring.Tests.Statistics;

// Known answers from scipy 1.10.1 on float32 samples widened to float64 (the values these tests pass).
public sealed class MannWhitneyUTestScipyTests
{
    [Fact]
    public void TwoSample_SmallExact_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.mannwhitneyu([1, 2, 3, 4, 5], [2.5, 3.5, 6, 7, 8, 9, 10], alternative='two-sided')
        StatisticalTestResult result = MannWhitneyUTest.TwoSample(new float[] { 1f, 2f, 3f, 4f, 5f }, new float[] { 2.5f, 3.5f, 6f, 7f, 8f, 9f, 10f });
        ScipyAssert.Close(5.0, result.Statistic);
        ScipyAssert.Close(0.04797979797979798, result.PValue);
    }

    [Fact]
    public void TwoSample_SmallTies_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.mannwhitneyu([1, 1, 2, 2, 3, 3, 3], [1, 2, 2, 2, 4, 4], alternative='two-sided')
        StatisticalTestResult result = MannWhitneyUTest.TwoSample(new float[] { 1f, 1f, 2f, 2f, 3f, 3f, 3f }, new float[] { 1f, 2f, 2f, 2f, 4f, 4f });
        ScipyAssert.Close(18.0, result.Statistic);
        ScipyAssert.Close(0.7096840358060392, result.PValue);
    }

    [Fact]
    public void TwoSample_OneSmallSampleExact_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.mannwhitneyu([0.5, 150.5, 300.5, 450.5, 600.5, 750.5], modular(1000, 7919, 10007, 10.0, 0.25, 0), alternative='two-sided')
        StatisticalTestResult result = MannWhitneyUTest.TwoSample(new float[] { 0.5f, 150.5f, 300.5f, 450.5f, 600.5f, 750.5f }, TestSamples.Modular(1000, 7919, 10007, 10.0, 0.25, 0));
        ScipyAssert.Close(2248.0, result.Statistic);
        ScipyAssert.Close(0.2975718751179981, result.PValue);
    }

    [Fact]
    public void TwoSample_Large_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.mannwhitneyu(modular(200, 7919, 10007, 1000.0, 0.0, 0), modular(300, 104729, 10009, 1000.0, 0.5, 0), alternative='two-sided')
        StatisticalTestResult result = MannWhitneyUTest.TwoSample(TestSamples.Modular(200, 7919, 10007, 1000.0, 0.0, 0), TestSamples.Modular(300, 104729, 10009, 1000.0, 0.5, 0));
        ScipyAssert.Close(27458.0, result.Statistic);
        ScipyAssert.Close(0.10832202257525034, result.PValue);
    }

    [Fact]
    public void TwoSample_LargeTies_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.mannwhitneyu(modular(2000, 31, 97, 10.0, 0.0, 0), modular(3000, 37, 101, 10.0, 0.2, 0), alternative='two-sided')
        StatisticalTestResult result = MannWhitneyUTest.TwoSample(TestSamples.Modular(2000, 31, 97, 10.0, 0.0, 0), TestSamples.Modular(3000, 37, 101, 10.0, 0.2, 0));
        ScipyAssert.Close(2766046.0, result.Statistic);
        ScipyAssert.Close(2.8851361039290324e-06, result.PValue);
    }
}
