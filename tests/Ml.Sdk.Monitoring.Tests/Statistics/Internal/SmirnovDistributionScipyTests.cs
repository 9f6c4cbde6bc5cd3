using System.Diagnostics;
using System.Globalization;
using Ml.Sdk.Monitoring.Statistics.Internal;
using Xunit.Abstractions;

namespace Ml.Sdk.Monitoring.Tests.Statistics.Internal;

// Known answers from scipy 1.10.1 (/usr/bin/python3, "import numpy as np; from scipy import special"), at
// x = sqrt(nxSquared / n) so that n x^2 spans the band in which KolmogorovDistribution uses 2 * smirnov(n, x).
public sealed class SmirnovDistributionScipyTests
{
    /// <summary>Below this every double is subnormal and carries too few digits for a relative comparison.</summary>
    private const double SmallestNormal = 2.2250738585072014e-308;

    private readonly ITestOutputHelper _output;

    public SmirnovDistributionScipyTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Theory]
    [InlineData(150, 2.2, 0.011232658400609647)] // special.smirnov(150, np.sqrt(2.2 / 150))
    [InlineData(150, 5, 3.77991587179122e-05)] // special.smirnov(150, np.sqrt(5 / 150))
    [InlineData(150, 20, 9.791400524411857e-19)] // special.smirnov(150, np.sqrt(20 / 150))
    [InlineData(150, 100, 3.6569467690335147e-110)] // special.smirnov(150, np.sqrt(100 / 150))
    [InlineData(1000, 2.2, 0.01188518943973694)] // special.smirnov(1000, np.sqrt(2.2 / 1000))
    [InlineData(1000, 5, 4.292215849459527e-05)] // special.smirnov(1000, np.sqrt(5 / 1000))
    [InlineData(1000, 20, 3.257484219302586e-18)] // special.smirnov(1000, np.sqrt(20 / 1000))
    [InlineData(1000, 100, 1.0620824197370673e-89)] // special.smirnov(1000, np.sqrt(100 / 1000))
    [InlineData(10000, 2.2, 0.012155103124364245)] // special.smirnov(10000, np.sqrt(2.2 / 10000))
    [InlineData(10000, 5, 4.468831670304585e-05)] // special.smirnov(10000, np.sqrt(5 / 10000))
    [InlineData(10000, 20, 4.054355526254009e-18)] // special.smirnov(10000, np.sqrt(20 / 10000))
    [InlineData(10000, 100, 8.316556657975178e-88)] // special.smirnov(10000, np.sqrt(100 / 10000))
    [InlineData(10000, 300, 4.102117235027771e-263)] // special.smirnov(10000, np.sqrt(300 / 10000))
    [InlineData(100000, 2.2, 0.012238865482348092)] // special.smirnov(100000, np.sqrt(2.2 / 100000))
    [InlineData(100000, 5, 4.518239641400116e-05)] // special.smirnov(100000, np.sqrt(5 / 100000))
    [InlineData(100000, 20, 4.201383665985438e-18)] // special.smirnov(100000, np.sqrt(20 / 100000))
    [InlineData(100000, 100, 1.2966590395770759e-87)] // special.smirnov(100000, np.sqrt(100 / 100000))
    [InlineData(500000, 2.2, 0.012260154334419052)] // special.smirnov(500000, np.sqrt(2.2 / 500000))
    [InlineData(500000, 5, 4.530351343178792e-05)] // special.smirnov(500000, np.sqrt(5 / 500000))
    [InlineData(500000, 20, 4.229050352796375e-18)] // special.smirnov(500000, np.sqrt(20 / 500000))
    [InlineData(500000, 100, 1.3588971508096416e-87)] // special.smirnov(500000, np.sqrt(100 / 500000))
    [InlineData(1000000, 2.2, 0.012265191346470162)] // special.smirnov(1000000, np.sqrt(2.2 / 1000000))
    [InlineData(1000000, 5, 4.533189890825471e-05)] // special.smirnov(1000000, np.sqrt(5 / 1000000))
    [InlineData(1000000, 20, 4.2349915813409376e-18)] // special.smirnov(1000000, np.sqrt(20 / 1000000))
    [InlineData(1000000, 100, 1.3686652207740602e-87)] // special.smirnov(1000000, np.sqrt(100 / 1000000))
    public void Sf_AcrossTheAsymptoticBand_MatchesScipyTo1e10(int n, double nxSquared, double expected)
    {
        double x = Math.Sqrt(nxSquared / n);

        ScipyAssert.Close(expected, SmirnovDistribution.Sf(n, x), relative: 1e-10, absolute: 0);
    }

    // At n x^2 = 369 the answer is about exp(-738), deep in the subnormal range (n = 150 has no such x <= 1). scipy
    // rounds every term to the subnormal grid and drops those that underflow, so it sits a few grid steps (4.9e-324
    // each) below the exact sum; only an absolute comparison at that scale means anything.
    [Theory]
    [InlineData(1000, 369, 0.0)] // special.smirnov(1000, np.sqrt(369 / 1000))
    [InlineData(10000, 369, 0.0)] // special.smirnov(10000, np.sqrt(369 / 10000))
    [InlineData(100000, 369, 1.56e-321)] // special.smirnov(100000, np.sqrt(369 / 100000))
    [InlineData(500000, 369, 2.347e-321)] // special.smirnov(500000, np.sqrt(369 / 500000))
    [InlineData(1000000, 369, 2.75e-321)] // special.smirnov(1000000, np.sqrt(369 / 1000000))
    public void Sf_SubnormalEdgeOfTheBand_MatchesScipyInAbsoluteTerms(int n, double nxSquared, double expected)
    {
        double x = Math.Sqrt(nxSquared / n);

        double actual = SmirnovDistribution.Sf(n, x);

        Assert.True(expected < SmallestNormal);
        Assert.True(Math.Abs(actual - expected) <= 1e-320, string.Create(CultureInfo.InvariantCulture, $"Expected about {expected:R} but got {actual:R}."));
    }

    [Fact]
    public void Sf_SubnormalResult_IsWithinOneGridStepOfTheExactSum()
    {
        // mpmath at 40 digits, summing all 33,333 - 3,507 + 1 terms: 4.6676715131861975e-322 (scipy gives 4.55e-322).
        const double exact = 4.6676715131861975e-322;
        double x = Math.Sqrt(369.0 / 33333);

        double actual = SmirnovDistribution.Sf(33333, x);

        Assert.True(Math.Abs(actual - exact) <= double.Epsilon, string.Create(CultureInfo.InvariantCulture, $"Got {actual:R}."));
    }

    [Fact]
    public void Sf_ThousandCallsAtOneMillion_AllFinishWithProbabilities()
    {
        // No timing assertion (shared build machines); the elapsed time goes to the test output for inspection.
        const int n = 1_000_000;
        Stopwatch stopwatch = Stopwatch.StartNew();
        for (int i = 0; i < 1000; i++)
        {
            // Sweep n x^2 across the band [2.2, 370) in which KolmogorovDistribution calls this function.
            double nxSquared = 2.2 + (367.7 * i / 999.0);
            double p = SmirnovDistribution.Sf(n, Math.Sqrt(nxSquared / n));
            Assert.InRange(p, 0.0, 1.0);
        }

        stopwatch.Stop();
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"1000 calls at n = 1e6: {stopwatch.Elapsed.TotalMilliseconds:F1} ms"));
    }
}
