using Ml.Sdk.Core.Kernels;
using Ml.Sdk.Monitoring.Statistics;
using Ml.Sdk.Monitoring.Statistics.Internal;

namespace Ml.Sdk.Monitoring.Tests.Statistics;

public sealed class StudentTTestTests
{
    [Fact]
    public void TwoSample_TextbookTableValue_GivesFivePercent()
    {
        // Textbook t table: t(0.975, 10) = 2.228139, so the two-sided p-value there is 0.05.
        ScipyAssert.Close(0.05, 2 * SpecialFunctions.StudentTSf(2.228138851986274, 10));
    }

    [Fact]
    public void FromMoments_AgreesExactlyWithTwoSample()
    {
        float[] reference = TestSamples.Modular(5000, 7919, 10007, 1000.0);
        float[] current = TestSamples.Modular(3000, 104729, 10009, 1000.0, 0.2);
        Moments referenceMoments = Moments.Compute(reference);
        Moments currentMoments = Moments.Compute(current);

        Assert.Equal(StudentTTest.TwoSample(reference, current), StudentTTest.FromMoments(referenceMoments, currentMoments));
        Assert.Equal(StudentTTest.TwoSample(reference, current, false), StudentTTest.FromMoments(referenceMoments, currentMoments, false));
    }

    [Fact]
    public void TwoSample_BothConstantWithEqualMeans_IsZeroWithPValueOne()
    {
        Assert.Equal(new StatisticalTestResult(0, 1), StudentTTest.TwoSample([2f, 2f, 2f], [2f, 2f]));
        Assert.Equal(new StatisticalTestResult(0, 1), StudentTTest.TwoSample([2f, 2f, 2f], [2f, 2f], equalVariances: false));
    }

    [Fact]
    public void TwoSample_BothConstantWithDifferentMeans_IsInfiniteWithPValueZero()
    {
        Assert.Equal(new StatisticalTestResult(double.PositiveInfinity, 0), StudentTTest.TwoSample([3f, 3f], [2f, 2f, 2f]));
        Assert.Equal(new StatisticalTestResult(double.NegativeInfinity, 0), StudentTTest.TwoSample([1f, 1f], [2f, 2f, 2f], equalVariances: false));
    }

    [Fact]
    public void TwoSample_OneValueInReference_StudentMatchesScipyFromStatsWithZeroSpread()
    {
        // /usr/bin/python3: stats.ttest_ind_from_stats(5, 0, 1, 2.5, np.sqrt(np.var([1,2,3,4], ddof=1)), 4)
        //   -> (1.7320508075688772, 0.18169011381620923); scipy's ttest_ind([5], [1,2,3,4]) gives NaN instead.
        StatisticalTestResult result = StudentTTest.TwoSample([5f], [1f, 2f, 3f, 4f]);
        ScipyAssert.Close(1.7320508075688772, result.Statistic);
        ScipyAssert.Close(0.18169011381620923, result.PValue);
    }

    [Fact]
    public void TwoSample_OneValueInReference_WelchUsesTheOtherSampleDegreesOfFreedom()
    {
        // Defined here (scipy: NaN): the single value has no spread, so df = n2 - 1 = 3 and se = sqrt(v2 / n2).
        // /usr/bin/python3: t = 2.5/np.sqrt(np.var([1,2,3,4],ddof=1)/4) -> 3.872983346207417; 2*stats.t.sf(t, 3) -> 0.030466291662170977
        StatisticalTestResult result = StudentTTest.TwoSample([5f], [1f, 2f, 3f, 4f], equalVariances: false);
        ScipyAssert.Close(3.872983346207417, result.Statistic);
        ScipyAssert.Close(0.030466291662170977, result.PValue);
    }

    [Fact]
    public void TwoSample_OneValueInEach_IsUndefinedWithPValueOne()
    {
        StatisticalTestResult result = StudentTTest.TwoSample([1f], [2f]);
        Assert.True(double.IsNaN(result.Statistic));
        Assert.Equal(1.0, result.PValue);
        Assert.Equal(1.0, StudentTTest.TwoSample([1f], [2f], equalVariances: false).PValue);
    }

    [Fact]
    public void TwoSample_NaN_ThrowsNamingParameterAndIndex()
    {
        ArgumentException exception = Assert.Throws<ArgumentException>(() => StudentTTest.TwoSample([1f, 2f], [1f, 2f, float.NaN]));
        Assert.Equal("current", exception.ParamName);
        Assert.Contains("index 2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromMoments_EmptyMoments_Throws()
    {
        Moments some = Moments.Compute([1f, 2f]);
        Assert.Equal("reference", Assert.Throws<ArgumentException>(() => StudentTTest.FromMoments(default, some)).ParamName);
        Assert.Equal("current", Assert.Throws<ArgumentException>(() => StudentTTest.FromMoments(some, default)).ParamName);
    }
}
