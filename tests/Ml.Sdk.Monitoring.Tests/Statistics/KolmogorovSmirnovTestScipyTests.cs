using Ml.Sdk.Monitoring.Statistics;

namespace Ml.Sdk.Monitoring.Tests.Statistics;

// Known answers from scipy 1.10.1 on float32 samples widened to float64 (the values these tests pass).
public sealed class KolmogorovSmirnovTestScipyTests
{
    [Fact]
    public void TwoSample_SmallUnequal_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.ks_2samp([1, 2, 3, 4, 5], [2.5, 3.5, 6, 7])
        StatisticalTestResult result = KolmogorovSmirnovTest.TwoSample(new float[] { 1f, 2f, 3f, 4f, 5f }, new float[] { 2.5f, 3.5f, 6f, 7f });
        ScipyAssert.Close(0.5, result.Statistic);
        ScipyAssert.Close(0.5634920634920635, result.PValue);
    }

    [Fact]
    public void TwoSample_Ties_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.ks_2samp([1, 1, 2, 2, 3, 3, 3], [1, 2, 2, 2, 4, 4])
        StatisticalTestResult result = KolmogorovSmirnovTest.TwoSample(new float[] { 1f, 1f, 2f, 2f, 3f, 3f, 3f }, new float[] { 1f, 2f, 2f, 2f, 4f, 4f });
        ScipyAssert.Close(0.3333333333333333, result.Statistic);
        ScipyAssert.Close(0.7803030303030304, result.PValue);
    }

    [Fact]
    public void TwoSample_EqualSizes_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.ks_2samp(modular(50, 7919, 10007, 1000.0, 0.0, 0), modular(50, 104729, 10009, 1000.0, 0.3, 0))
        StatisticalTestResult result = KolmogorovSmirnovTest.TwoSample(TestSamples.Modular(50, 7919, 10007, 1000.0, 0.0, 0), TestSamples.Modular(50, 104729, 10009, 1000.0, 0.3, 0));
        ScipyAssert.Close(0.06, result.Statistic);
        ScipyAssert.Close(0.9999952562961608, result.PValue);
    }

    [Fact]
    public void TwoSample_ExactUnequal_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.ks_2samp(modular(300, 7919, 10007, 1000.0, 0.0, 0), modular(457, 104729, 10009, 1000.0, 0.5, 0))
        StatisticalTestResult result = KolmogorovSmirnovTest.TwoSample(TestSamples.Modular(300, 7919, 10007, 1000.0, 0.0, 0), TestSamples.Modular(457, 104729, 10009, 1000.0, 0.5, 0));
        ScipyAssert.Close(0.05724288840262582, result.Statistic);
        ScipyAssert.Close(0.5673538134730624, result.PValue);
    }

    [Fact]
    public void TwoSample_ExactTiesLarge_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.ks_2samp(modular(2000, 31, 97, 10.0, 0.0, 0), modular(3000, 37, 101, 10.0, 0.2, 0))
        StatisticalTestResult result = KolmogorovSmirnovTest.TwoSample(TestSamples.Modular(2000, 31, 97, 10.0, 0.0, 0), TestSamples.Modular(3000, 37, 101, 10.0, 0.2, 0));
        ScipyAssert.Close(0.059333333333333335, result.Statistic);
        ScipyAssert.Close(0.00041507542793401645, result.PValue);
    }

    [Fact]
    public void TwoSample_AutoAsymptoticLarge_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.ks_2samp(modular(12000, 7919, 10007, 1000.0, 0.0, 0), modular(15000, 104729, 10009, 1000.0, 0.05, 0))
        StatisticalTestResult result = KolmogorovSmirnovTest.TwoSample(TestSamples.Modular(12000, 7919, 10007, 1000.0, 0.0, 0), TestSamples.Modular(15000, 104729, 10009, 1000.0, 0.05, 0));
        ScipyAssert.Close(0.005750000000000033, result.Statistic);
        ScipyAssert.Close(0.9793131818202646, result.PValue);
    }

    [Fact]
    public void TwoSample_AutoAsymptoticSmirnovRegion_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.ks_2samp(modular(20000, 7919, 10007, 1000.0, 0.0, 0), modular(30000, 104729, 10009, 1000.0, 0.4, 0))
        StatisticalTestResult result = KolmogorovSmirnovTest.TwoSample(TestSamples.Modular(20000, 7919, 10007, 1000.0, 0.0, 0), TestSamples.Modular(30000, 104729, 10009, 1000.0, 0.4, 0));
        ScipyAssert.Close(0.040166666666666684, result.Statistic);
        ScipyAssert.Close(2.934271192379026e-17, result.PValue);
    }

    [Fact]
    public void TwoSample_AutoAsymptoticPelzGoodRegion_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.ks_2samp(modular(200000, 7919, 10007, 1000.0, 0.0, 0), modular(150000, 104729, 10009, 1000.0, 0.01, 0))
        StatisticalTestResult result = KolmogorovSmirnovTest.TwoSample(TestSamples.Modular(200000, 7919, 10007, 1000.0, 0.0, 0), TestSamples.Modular(150000, 104729, 10009, 1000.0, 0.01, 0));
        ScipyAssert.Close(0.0012000000000000899, result.Statistic);
        ScipyAssert.Close(0.9996644475531435, result.PValue);
    }

    [Fact]
    public void TwoSampleAsymptotic_AsymptoticSmallDurbin_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.ks_2samp(modular(30, 7919, 10007, 1000.0, 0.0, 0), modular(40, 104729, 10009, 1000.0, 0.3, 0), method='asymp')
        StatisticalTestResult result = KolmogorovSmirnovTest.TwoSample(TestSamples.Modular(30, 7919, 10007, 1000.0, 0.0, 0), TestSamples.Modular(40, 104729, 10009, 1000.0, 0.3, 0), KolmogorovSmirnovMethod.Asymptotic);
        ScipyAssert.Close(0.05833333333333335, result.Statistic);
        ScipyAssert.Close(0.999999676890451, result.PValue);
    }

    [Fact]
    public void TwoSampleAsymptotic_AsymptoticSmallPomeranz_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.ks_2samp(modular(30, 7919, 10007, 1000.0, 0.0, 0), modular(40, 104729, 10009, 1000.0, 3.0, 0), method='asymp')
        StatisticalTestResult result = KolmogorovSmirnovTest.TwoSample(TestSamples.Modular(30, 7919, 10007, 1000.0, 0.0, 0), TestSamples.Modular(40, 104729, 10009, 1000.0, 3.0, 0), KolmogorovSmirnovMethod.Asymptotic);
        ScipyAssert.Close(0.325, result.Statistic);
        ScipyAssert.Close(0.042420395127303445, result.PValue);
    }

    [Fact]
    public void TwoSampleAsymptotic_AsymptoticSmallSmirnov_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.ks_2samp(modular(30, 7919, 10007, 1000.0, 0.0, 0), modular(40, 104729, 10009, 1000.0, 6.0, 0), method='asymp')
        StatisticalTestResult result = KolmogorovSmirnovTest.TwoSample(TestSamples.Modular(30, 7919, 10007, 1000.0, 0.0, 0), TestSamples.Modular(40, 104729, 10009, 1000.0, 6.0, 0), KolmogorovSmirnovMethod.Asymptotic);
        ScipyAssert.Close(0.6083333333333333, result.Statistic);
        ScipyAssert.Close(1.4470541293297012e-06, result.PValue);
    }

    [Fact]
    public void TwoSampleAsymptotic_AsymptoticMediumDurbin_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.ks_2samp(modular(400, 7919, 10007, 1000.0, 0.0, 0), modular(400, 104729, 10009, 1000.0, 0.2, 0), method='asymp')
        StatisticalTestResult result = KolmogorovSmirnovTest.TwoSample(TestSamples.Modular(400, 7919, 10007, 1000.0, 0.0, 0), TestSamples.Modular(400, 104729, 10009, 1000.0, 0.2, 0), KolmogorovSmirnovMethod.Asymptotic);
        ScipyAssert.Close(0.025000000000000022, result.Statistic);
        ScipyAssert.Close(0.9993642592607782, result.PValue);
    }

    [Fact]
    public void TwoSampleAsymptotic_AsymptoticMediumSmirnov_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.ks_2samp(modular(400, 7919, 10007, 1000.0, 0.0, 0), modular(400, 104729, 10009, 1000.0, 2.0, 0), method='asymp')
        StatisticalTestResult result = KolmogorovSmirnovTest.TwoSample(TestSamples.Modular(400, 7919, 10007, 1000.0, 0.0, 0), TestSamples.Modular(400, 104729, 10009, 1000.0, 2.0, 0), KolmogorovSmirnovMethod.Asymptotic);
        ScipyAssert.Close(0.20250000000000007, result.Statistic);
        ScipyAssert.Close(1.1478651427066948e-07, result.PValue);
    }

    [Fact]
    public void TwoSampleAsymptotic_AsymptoticRubenGambino_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.ks_2samp([1, 2, 3, 4, 5, 6], [2.5, 3.5, 4.5, 5.5, 6.5, 7.5], method='asymp')
        StatisticalTestResult result = KolmogorovSmirnovTest.TwoSample(new float[] { 1f, 2f, 3f, 4f, 5f, 6f }, new float[] { 2.5f, 3.5f, 4.5f, 5.5f, 6.5f, 7.5f }, KolmogorovSmirnovMethod.Asymptotic);
        ScipyAssert.Close(0.33333333333333337, result.Statistic);
        ScipyAssert.Close(0.7777777777777778, result.PValue);
    }
}
