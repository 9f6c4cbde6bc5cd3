using Ml.Sdk.Monitoring.Statistics;

namespace Ml.Sdk.Monitoring.Tests.Statistics;

// Known answers from scipy 1.10.1 on float32 samples widened to float64 (the values these tests pass).
public sealed class StudentTTestScipyTests
{
    [Fact]
    public void TwoSample_DocsExample_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.ttest_ind([1, 3, 4, 6, 11, 13, 15, 19, 22, 24, 25, 26, 26], [2, 4, 6, 9, 11, 13, 14, 15, 18, 19, 21])
        StatisticalTestResult result = StudentTTest.TwoSample(new float[] { 1f, 3f, 4f, 6f, 11f, 13f, 15f, 19f, 22f, 24f, 25f, 26f, 26f }, new float[] { 2f, 4f, 6f, 9f, 11f, 13f, 14f, 15f, 18f, 19f, 21f });
        ScipyAssert.Close(0.905135809331027, result.Statistic);
        ScipyAssert.Close(0.3751996797581486, result.PValue);
    }

    [Fact]
    public void TwoSample_Large_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.ttest_ind(modular(20000, 7919, 10007, 1000.0, 0.0, 0), modular(30000, 104729, 10009, 1000.0, 0.3, 0))
        StatisticalTestResult result = StudentTTest.TwoSample(TestSamples.Modular(20000, 7919, 10007, 1000.0, 0.0, 0), TestSamples.Modular(30000, 104729, 10009, 1000.0, 0.3, 0));
        ScipyAssert.Close(-11.406697917979113, result.Statistic);
        ScipyAssert.Close(4.218320153907116e-30, result.PValue);
    }

    [Fact]
    public void TwoSample_LargeTail_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.ttest_ind(modular(200000, 7919, 10007, 1000.0, 0.0, 0), modular(150000, 104729, 10009, 1000.0, 1.0, 0))
        StatisticalTestResult result = StudentTTest.TwoSample(TestSamples.Modular(200000, 7919, 10007, 1000.0, 0.0, 0), TestSamples.Modular(150000, 104729, 10009, 1000.0, 1.0, 0));
        ScipyAssert.Close(-101.43174745842123, result.Statistic);
        ScipyAssert.Close(0.0, result.PValue);
    }

    [Fact]
    public void TwoSample_LargeModerateTail_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.ttest_ind(modular(200000, 7919, 10007, 1000.0, 0.0, 0), modular(150000, 104729, 10009, 1000.0, 0.1, 0))
        StatisticalTestResult result = StudentTTest.TwoSample(TestSamples.Modular(200000, 7919, 10007, 1000.0, 0.0, 0), TestSamples.Modular(150000, 104729, 10009, 1000.0, 0.1, 0));
        ScipyAssert.Close(-10.227271653938542, result.Statistic);
        ScipyAssert.Close(1.5087328291029994e-24, result.PValue);
    }

    [Fact]
    public void TwoSampleWelch_DocsExample_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.ttest_ind([1, 3, 4, 6, 11, 13, 15, 19, 22, 24, 25, 26, 26], [2, 4, 6, 9, 11, 13, 14, 15, 18, 19, 21], equal_var=False)
        StatisticalTestResult result = StudentTTest.TwoSample(new float[] { 1f, 3f, 4f, 6f, 11f, 13f, 15f, 19f, 22f, 24f, 25f, 26f, 26f }, new float[] { 2f, 4f, 6f, 9f, 11f, 13f, 14f, 15f, 18f, 19f, 21f }, equalVariances: false);
        ScipyAssert.Close(0.9358461935556048, result.Statistic);
        ScipyAssert.Close(0.35999818693244245, result.PValue);
    }

    [Fact]
    public void TwoSampleWelch_Large_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.ttest_ind(modular(20000, 7919, 10007, 1000.0, 0.0, 0), modular(30000, 104729, 10009, 1000.0, 0.3, 0), equal_var=False)
        StatisticalTestResult result = StudentTTest.TwoSample(TestSamples.Modular(20000, 7919, 10007, 1000.0, 0.0, 0), TestSamples.Modular(30000, 104729, 10009, 1000.0, 0.3, 0), equalVariances: false);
        ScipyAssert.Close(-11.407152228418305, result.Statistic);
        ScipyAssert.Close(4.256678622766737e-30, result.PValue);
    }

    [Fact]
    public void TwoSampleWelch_LargeTail_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.ttest_ind(modular(200000, 7919, 10007, 1000.0, 0.0, 0), modular(150000, 104729, 10009, 1000.0, 1.0, 0), equal_var=False)
        StatisticalTestResult result = StudentTTest.TwoSample(TestSamples.Modular(200000, 7919, 10007, 1000.0, 0.0, 0), TestSamples.Modular(150000, 104729, 10009, 1000.0, 1.0, 0), equalVariances: false);
        ScipyAssert.Close(-101.42874045660474, result.Statistic);
        ScipyAssert.Close(0.0, result.PValue);
    }

    [Fact]
    public void TwoSampleWelch_LargeModerateTail_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.ttest_ind(modular(200000, 7919, 10007, 1000.0, 0.0, 0), modular(150000, 104729, 10009, 1000.0, 0.1, 0), equal_var=False)
        StatisticalTestResult result = StudentTTest.TwoSample(TestSamples.Modular(200000, 7919, 10007, 1000.0, 0.0, 0), TestSamples.Modular(150000, 104729, 10009, 1000.0, 0.1, 0), equalVariances: false);
        ScipyAssert.Close(-10.226968460714643, result.Statistic);
        ScipyAssert.Close(1.5144665959494815e-24, result.PValue);
    }
}
