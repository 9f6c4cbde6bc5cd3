using Ml.Sdk.Monitoring.Statistics;
using Ml.Sdk.Monitoring.Statistics.Internal;

namespace Ml.Sdk.Monitoring.Tests.Statistics;

public sealed class TwoSampleTestContractTests
{
    public delegate StatisticalTestResult SampleTest(ReadOnlySpan<float> reference, ReadOnlySpan<float> current);

    public static TheoryData<string> Names => ["ks", "cvm", "ad", "mwu", "t"];

    private static SampleTest Unsorted(string name) => name switch
    {
        "ks" => static (a, b) => KolmogorovSmirnovTest.TwoSample(a, b),
        "cvm" => CramerVonMisesTest.TwoSample,
        "ad" => AndersonDarlingTest.TwoSample,
        "mwu" => MannWhitneyUTest.TwoSample,
        _ => static (a, b) => StudentTTest.TwoSample(a, b),
    };

    private static SampleTest? Sorted(string name) => name switch
    {
        "ks" => static (a, b) => KolmogorovSmirnovTest.TwoSampleSorted(a, b),
        "cvm" => CramerVonMisesTest.TwoSampleSorted,
        "ad" => AndersonDarlingTest.TwoSampleSorted,
        "mwu" => MannWhitneyUTest.TwoSampleSorted,
        _ => null,
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void TwoSample_EmptySample_ThrowsNamingIt(string name)
    {
        SampleTest test = Unsorted(name);
        Assert.Equal("reference", Assert.Throws<ArgumentException>(() => test([], [1f])).ParamName);
        Assert.Equal("current", Assert.Throws<ArgumentException>(() => test([1f], [])).ParamName);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TwoSampleSorted_EmptySample_ThrowsNamingIt(string name)
    {
        SampleTest? test = Sorted(name);
        if (test is null)
        {
            return;
        }

        Assert.Equal("sortedReference", Assert.Throws<ArgumentException>(() => test([], [1f])).ParamName);
        Assert.Equal("sortedCurrent", Assert.Throws<ArgumentException>(() => test([1f], [])).ParamName);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TwoSample_NaN_ThrowsNamingParameterAndIndex(string name)
    {
        SampleTest test = Unsorted(name);
        ArgumentException inReference = Assert.Throws<ArgumentException>(() => test([1f, float.NaN, 3f], [1f, 2f]));
        Assert.Equal("reference", inReference.ParamName);
        Assert.Contains("index 1", inReference.Message, StringComparison.Ordinal);
        ArgumentException inCurrent = Assert.Throws<ArgumentException>(() => test([1f, 2f], [4f, 5f, 6f, float.NaN]));
        Assert.Equal("current", inCurrent.ParamName);
        Assert.Contains("index 3", inCurrent.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MannWhitney_TextbookCriticalValueForFiveAndSeven_SeparatesFivePercent()
    {
        // Mann–Whitney table: for n1 = 5, n2 = 7 the two-sided 5% critical value of min(U1, U2) is 5.
        double atFive = 2 * MannWhitneyExactDistribution.UpperTail(5, 7, 35 - 5);
        double atSix = 2 * MannWhitneyExactDistribution.UpperTail(5, 7, 35 - 6);
        Assert.True(atFive <= 0.05 && atSix > 0.05, $"{atFive} {atSix}");
    }

    [Fact]
    public void MannWhitney_AllValuesTied_PValueIsOne()
    {
        StatisticalTestResult result = MannWhitneyUTest.TwoSample([3f, 3f, 3f, 3f, 3f, 3f, 3f, 3f, 3f, 3f], [3f, 3f, 3f, 3f, 3f, 3f, 3f, 3f, 3f]);
        Assert.Equal(45.0, result.Statistic);
        Assert.Equal(1.0, result.PValue);
    }

    [Fact]
    public void CramerVonMises_LimitingDistribution_MatchesTheTextbookQuantile()
    {
        // Anderson & Darling (1952): the 95% point of the limiting Cramér–von Mises distribution is 0.46136.
        Assert.InRange(CramerVonMisesDistribution.LimitingCdf(0.46136), 0.9499, 0.9501);
    }

    [Fact]
    public void CramerVonMises_OneValueSamples_AreDefined()
    {
        // scipy raises for fewer than two values; the exact distribution is defined, so it is used.
        StatisticalTestResult result = CramerVonMisesTest.TwoSample([1f], [2f]);
        Assert.InRange(result.PValue, 0, 1);
        Assert.False(double.IsNaN(result.Statistic));
    }

    [Fact]
    public void AndersonDarling_StatisticAtTabulatedCriticalValues_InterpolatesTheirLevels()
    {
        // Scholz & Stephens (1987) Table 2 for m = 1: 1.961 is the 5% point and 3.752 the 1% point; scipy's quadratic
        // fit through the table reproduces them to within a few percent.
        Assert.InRange(Math.Exp((((0.01819809457411139 * 1.961) - 1.008226564465251) * 1.961) - 1.0777702798204876), 0.047, 0.053);
        Assert.InRange(Math.Exp((((0.01819809457411139 * 3.752) - 1.008226564465251) * 3.752) - 1.0777702798204876), 0.0095, 0.0105);
    }

    [Fact]
    public void AndersonDarling_SingleDistinctValue_IsZeroWithPValueOne()
    {
        Assert.Equal(new StatisticalTestResult(0, 1), AndersonDarlingTest.TwoSample([2f, 2f, 2f], [2f, 2f]));
        Assert.Equal(new StatisticalTestResult(0, 1), AndersonDarlingTest.TwoSample([1f], [2f, 3f]));
    }
}
