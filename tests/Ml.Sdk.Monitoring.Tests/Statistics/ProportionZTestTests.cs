using Ml.Sdk.Monitoring.Statistics;
using Ml.Sdk.Monitoring.Statistics.Internal;

namespace Ml.Sdk.Monitoring.Tests.Statistics;

public sealed class ProportionZTestTests
{
    // Expected values: Evidently's formula evaluated with /usr/bin/python3 (numpy + scipy 1.10.1):
    //   p1=h1/n1; p2=h2/n2; P=(p1*n1+p2*n2)/(n1+n2); z=(p1-p2)/np.sqrt(P*(1-P)*(1/n1+1/n2)); p=2*stats.norm.sf(abs(z))
    [Theory]
    [InlineData(30, 150, 45, 200, -0.564076074817766, 0.5727023597783104)]
    [InlineData(500, 1000, 430, 1000, 3.1381931834476866, 0.0016999279909134246)]
    [InlineData(1, 10, 9, 10, -3.577708763999664, 0.0003466193511346662)]
    [InlineData(5000, 100000, 6000, 100000, -9.808164772274989, 1.0383985209948486e-22)]
    public void TwoSample_KnownCounts_MatchesEvidentlyFormula(long h1, long n1, long h2, long n2, double z, double p)
    {
        StatisticalTestResult result = ProportionZTest.TwoSample(h1, n1, h2, n2);
        ScipyAssert.Close(z, result.Statistic);
        ScipyAssert.Close(p, result.PValue);
    }

    [Fact]
    public void TwoSample_FarTail_KeepsPrecisionWhereOneMinusCdfIsZero()
    {
        // Evidently's 2 * (1 - norm.cdf(9.81)) is exactly 0.0; the survival function keeps 1.04e-22.
        StatisticalTestResult result = ProportionZTest.TwoSample(5000, 100000, 6000, 100000);
        Assert.True(result.PValue > 0);
    }

    [Fact]
    public void TwoSample_TextbookCriticalValue_GivesFivePercent()
    {
        // Textbook: the two-sided 5% critical value of the standard normal is 1.959964.
        ScipyAssert.Close(0.05, 2 * SpecialFunctions.NormalSf(1.959963984540054));
    }

    [Theory]
    [InlineData(0, 100, 0, 50)]
    [InlineData(100, 100, 50, 50)]
    public void TwoSample_AllMissesOrAllHits_IsZeroWithPValueOne(long h1, long n1, long h2, long n2)
    {
        Assert.Equal(new StatisticalTestResult(0, 1), ProportionZTest.TwoSample(h1, n1, h2, n2));
    }

    [Theory]
    [InlineData(-1, 10, 1, 10, "referenceHits")]
    [InlineData(11, 10, 1, 10, "referenceHits")]
    [InlineData(1, 0, 1, 10, "referenceCount")]
    [InlineData(1, 10, 1, 0, "currentCount")]
    [InlineData(1, 10, -2, 10, "currentHits")]
    [InlineData(1, 10, 12, 10, "currentHits")]
    public void TwoSample_CountsOutOfRange_Throw(long h1, long n1, long h2, long n2, string parameter)
    {
        ArgumentOutOfRangeException exception = Assert.Throws<ArgumentOutOfRangeException>(() => ProportionZTest.TwoSample(h1, n1, h2, n2));
        Assert.Equal(parameter, exception.ParamName);
    }
}
