using Ml.Sdk.Monitoring.Statistics;

namespace Ml.Sdk.Monitoring.Tests.Statistics;

// Known answers from scipy 1.10.1 on float32 samples widened to float64 (the values these tests pass).
public sealed class CramerVonMisesTestScipyTests
{
    [Fact]
    public void TwoSample_SmallExact_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.cramervonmises_2samp([1, 2, 3, 4, 5], [2.5, 3.5, 6, 7, 8, 9, 10])
        StatisticalTestResult result = CramerVonMisesTest.TwoSample(new float[] { 1f, 2f, 3f, 4f, 5f }, new float[] { 2.5f, 3.5f, 6f, 7f, 8f, 9f, 10f });
        ScipyAssert.Close(0.47658730158730145, result.Statistic);
        ScipyAssert.Close(0.047979797979797977, result.PValue);
    }

    [Fact]
    public void TwoSample_SmallTiesExact_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.cramervonmises_2samp([1, 1, 2, 2, 3, 3, 3], [1, 2, 2, 2, 4, 4])
        StatisticalTestResult result = CramerVonMisesTest.TwoSample(new float[] { 1f, 1f, 2f, 2f, 3f, 3f, 3f }, new float[] { 1f, 2f, 2f, 2f, 4f, 4f });
        ScipyAssert.Close(0.0915750915750917, result.Statistic);
        ScipyAssert.Close(0.7051282051282052, result.PValue);
    }

    [Fact]
    public void TwoSample_ExactCoprime_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.cramervonmises_2samp(modular(20, 7919, 10007, 1000.0, 0.0, 0), modular(19, 104729, 10009, 1000.0, 1.0, 0))
        StatisticalTestResult result = CramerVonMisesTest.TwoSample(TestSamples.Modular(20, 7919, 10007, 1000.0, 0.0, 0), TestSamples.Modular(19, 104729, 10009, 1000.0, 1.0, 0));
        ScipyAssert.Close(0.140058479532164, result.Statistic);
        ScipyAssert.Close(0.4386753849054957, result.PValue);
    }

    [Fact]
    public void TwoSample_Asymptotic_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.cramervonmises_2samp(modular(50, 7919, 10007, 1000.0, 0.0, 0), modular(80, 104729, 10009, 1000.0, 0.5, 0))
        StatisticalTestResult result = CramerVonMisesTest.TwoSample(TestSamples.Modular(50, 7919, 10007, 1000.0, 0.0, 0), TestSamples.Modular(80, 104729, 10009, 1000.0, 0.5, 0));
        ScipyAssert.Close(0.04636538461538464, result.Statistic);
        ScipyAssert.Close(0.9085581095806379, result.PValue);
    }

    [Fact]
    public void TwoSample_AsymptoticTies_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.cramervonmises_2samp(modular(2000, 31, 97, 10.0, 0.0, 0), modular(3000, 37, 101, 10.0, 0.2, 0))
        StatisticalTestResult result = CramerVonMisesTest.TwoSample(TestSamples.Modular(2000, 31, 97, 10.0, 0.0, 0), TestSamples.Modular(3000, 37, 101, 10.0, 0.2, 0));
        ScipyAssert.Close(1.9989733166667065, result.Statistic);
        ScipyAssert.Close(1.2837306982316221e-05, result.PValue);
    }

    [Fact]
    public void TwoSample_AsymptoticSame_MatchesScipy()
    {
        // modular(n, mult, mod, scale, offset, add) = float32([((i*mult + add) % mod)/scale + offset for i in range(n)]), see TestSamples.
        // /usr/bin/python3: stats.cramervonmises_2samp(modular(300, 7919, 10007, 1000.0, 0.0, 0), modular(300, 7919, 10007, 1000.0, 0.0, 17))
        StatisticalTestResult result = CramerVonMisesTest.TwoSample(TestSamples.Modular(300, 7919, 10007, 1000.0, 0.0, 0), TestSamples.Modular(300, 7919, 10007, 1000.0, 0.0, 17));
        ScipyAssert.Close(0.0008333333333325754, result.Statistic);
        ScipyAssert.Close(1.0, result.PValue);
    }
}
