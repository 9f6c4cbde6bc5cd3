using Ml.Sdk.Monitoring.Statistics;

namespace Ml.Sdk.Monitoring.Tests.Statistics;

public sealed class ChiSquareTestTests
{
    [Fact]
    public void GoodnessOfFit_DiceCounts_MatchesScipy()
    {
        // /usr/bin/python3: stats.chisquare([16,18,16,14,12,12],[16,16,16,16,16,8]) -> (3.5, 0.6233876277495822)
        StatisticalTestResult result = ChiSquareTest.GoodnessOfFit([16, 18, 16, 14, 12, 12], [16, 16, 16, 16, 16, 8]);
        ScipyAssert.Close(3.5, result.Statistic);
        ScipyAssert.Close(0.6233876277495822, result.PValue);
    }

    [Fact]
    public void GoodnessOfFit_LargeCounts_MatchesScipy()
    {
        // /usr/bin/python3: stats.chisquare([1000,1100,900,1000],[1000,1000,1000,1000]) -> (20.0, 0.00016974243555282632)
        StatisticalTestResult result = ChiSquareTest.GoodnessOfFit([1000, 1100, 900, 1000], [1000, 1000, 1000, 1000]);
        ScipyAssert.Close(20.0, result.Statistic);
        ScipyAssert.Close(0.00016974243555282632, result.PValue);
    }

    [Fact]
    public void GoodnessOfFit_HugeStatistic_PValueUnderflowsToZeroAsScipy()
    {
        // /usr/bin/python3: stats.chisquare([5000,3000,2000],[3000,4000,3000]) -> (1916.6666666666665, 0.0)
        StatisticalTestResult result = ChiSquareTest.GoodnessOfFit([5000, 3000, 2000], [3000, 4000, 3000]);
        ScipyAssert.Close(1916.6666666666665, result.Statistic);
        ScipyAssert.Close(0.0, result.PValue);
    }

    [Fact]
    public void GoodnessOfFit_TextbookCriticalValue_GivesFivePercent()
    {
        // Textbook: the 5% critical value of chi-square with 1 degree of freedom is 3.841459; (60-50)^2/50 * 2 = 4.
        StatisticalTestResult result = ChiSquareTest.GoodnessOfFit([60, 40], [50, 50]);
        Assert.Equal(4.0, result.Statistic);
        ScipyAssert.Close(0.04550026389635857, result.PValue); // stats.chi2.sf(4, 1)
        ScipyAssert.Close(0.05, Ml.Sdk.Monitoring.Statistics.Internal.SpecialFunctions.ChiSquareSf(3.841458820694124, 1));
    }

    [Fact]
    public void GoodnessOfFit_ExpectedZeroWithObservations_IsInfiniteWithPValueZero()
    {
        StatisticalTestResult result = ChiSquareTest.GoodnessOfFit([5, 5, 1], [5.5, 5.5, 0]);
        Assert.Equal(double.PositiveInfinity, result.Statistic);
        Assert.Equal(0.0, result.PValue);
    }

    [Fact]
    public void GoodnessOfFit_ExpectedZeroAndObservedZero_CategoryContributesNothing()
    {
        StatisticalTestResult withEmpty = ChiSquareTest.GoodnessOfFit([16, 18, 16, 14, 12, 12, 0], [16, 16, 16, 16, 16, 8, 0]);
        Assert.Equal(3.5, withEmpty.Statistic);

        // The empty category still counts toward the degrees of freedom (k - 1 = 6), as scipy counts it.
        // /usr/bin/python3: stats.chi2.sf(3.5, 6) -> 0.7439696953972181
        ScipyAssert.Close(0.7439696953972181, withEmpty.PValue);
    }

    [Fact]
    public void GoodnessOfFit_SingleCategory_IsZeroWithPValueOne()
    {
        StatisticalTestResult result = ChiSquareTest.GoodnessOfFit([7], [7]);
        Assert.Equal(new StatisticalTestResult(0, 1), result);
    }

    [Fact]
    public void GoodnessOfFit_LengthsDiffer_Throws()
    {
        ArgumentException exception = Assert.Throws<ArgumentException>(() => ChiSquareTest.GoodnessOfFit([1, 2], [1, 1, 1]));
        Assert.Equal("expected", exception.ParamName);
    }

    [Fact]
    public void GoodnessOfFit_Empty_Throws()
    {
        ArgumentException exception = Assert.Throws<ArgumentException>(() => ChiSquareTest.GoodnessOfFit([], []));
        Assert.Equal("observed", exception.ParamName);
    }

    [Fact]
    public void GoodnessOfFit_NegativeOrNaNCount_Throws()
    {
        Assert.Equal("observed", Assert.Throws<ArgumentException>(() => ChiSquareTest.GoodnessOfFit([-1, 3], [1, 1])).ParamName);
        Assert.Equal("expected", Assert.Throws<ArgumentException>(() => ChiSquareTest.GoodnessOfFit([1, 1], [double.NaN, 1])).ParamName);
    }

    [Fact]
    public void GoodnessOfFit_TotalsDiffer_ThrowsAsScipy()
    {
        Assert.Equal("expected", Assert.Throws<ArgumentException>(() => ChiSquareTest.GoodnessOfFit([10, 10], [10, 11])).ParamName);
    }
}
