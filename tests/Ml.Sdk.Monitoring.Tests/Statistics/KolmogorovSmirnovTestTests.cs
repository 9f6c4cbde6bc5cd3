using Ml.Sdk.Monitoring.Statistics;
using Ml.Sdk.Monitoring.Statistics.Internal;

namespace Ml.Sdk.Monitoring.Tests.Statistics;

public sealed class KolmogorovSmirnovTestTests
{
    [Fact]
    public void TwoSample_TextbookCriticalValueForTenAndTen_SeparatesFivePercent()
    {
        // Massey's table: for n1 = n2 = 10 the two-sided 5% critical value of D is 7/10 (6/10 is not significant).
        // /usr/bin/python3: stats.ks_2samp(np.arange(10.), np.arange(10.)+6).pvalue -> 0.05244755244755244
        // /usr/bin/python3: stats.ks_2samp(np.arange(10.), np.arange(10.)+7).pvalue -> 0.012340600575894691
        float[] reference = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        StatisticalTestResult six = KolmogorovSmirnovTest.TwoSample(reference, [6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
        StatisticalTestResult seven = KolmogorovSmirnovTest.TwoSample(reference, [7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
        Assert.Equal(0.6, six.Statistic, 15);
        ScipyAssert.Close(0.05244755244755244, six.PValue);
        ScipyAssert.Close(0.012340600575894691, seven.PValue);
        Assert.True(seven.PValue < 0.05 && six.PValue > 0.05);
    }

    [Fact]
    public void KolmogorovSf_LargeN_ApproachesTheTextbookLimitingCriticalValue()
    {
        // Textbook: Kolmogorov's limiting distribution has sf(1.358099) = 0.05; kstwo(n) tends to it as n grows.
        double p = KolmogorovDistribution.Sf(2_000_000, 1.3580986393225505 / Math.Sqrt(2_000_000));
        Assert.InRange(p, 0.0495, 0.0505);
    }

    [Fact]
    public void TwoSampleSorted_AsymptoticPath_AllocatesNothing()
    {
        float[] reference = TestSamples.Modular(200_000, 7919, 10007, 1000.0);
        float[] current = TestSamples.Modular(150_000, 104729, 10009, 1000.0, 0.01);
        Array.Sort(reference);
        Array.Sort(current);

        // Warm up (JIT, pools), then measure a second call of each asymptotic branch.
        StatisticalTestResult warm = KolmogorovSmirnovTest.TwoSampleSorted(reference, current);
        KolmogorovSmirnovTest.TwoSampleSorted(reference, current, KolmogorovSmirnovMethod.Asymptotic);
        long before = GC.GetAllocatedBytesForCurrentThread();
        StatisticalTestResult result = KolmogorovSmirnovTest.TwoSampleSorted(reference, current);
        StatisticalTestResult explicitAsymptotic = KolmogorovSmirnovTest.TwoSampleSorted(reference, current, KolmogorovSmirnovMethod.Asymptotic);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(warm, result);
        Assert.Equal(result, explicitAsymptotic);
    }

    [Fact]
    public void TwoSample_ExactMethodOnLargeSamples_UsesTheLatticeStatistic()
    {
        // Exact on sizes above the auto limit (scipy allows it while lcm fits in 32 bits); D is rounded to h / lcm.
        float[] reference = TestSamples.Modular(12000, 7919, 10007, 1000.0);
        float[] current = TestSamples.Modular(12000, 104729, 10009, 1000.0, 0.05);
        StatisticalTestResult exact = KolmogorovSmirnovTest.TwoSample(reference, current, KolmogorovSmirnovMethod.Exact);
        StatisticalTestResult asymptotic = KolmogorovSmirnovTest.TwoSample(reference, current, KolmogorovSmirnovMethod.Asymptotic);
        Assert.Equal(Math.Round(exact.Statistic * 12000) / 12000, exact.Statistic);
        Assert.InRange(Math.Abs(exact.PValue - asymptotic.PValue), 0, 0.02);
    }

    [Fact]
    public void TwoSample_OneValueEach_AsymptoticPValueIsOne()
    {
        // round(1 * 1 / 2) = 0 effective observations: scipy returns NaN, defined here as 1.
        Assert.Equal(1.0, KolmogorovSmirnovTest.TwoSample([1f], [2f], KolmogorovSmirnovMethod.Asymptotic).PValue);
    }

    [Fact]
    public void TwoSample_UnknownMethod_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KolmogorovSmirnovTest.TwoSample([1f], [2f], (KolmogorovSmirnovMethod)42));
    }
}
