using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ml.Sdk.Monitoring.Distances;

namespace Ml.Sdk.Monitoring.Tests.Distances;

public class DistanceTests
{
    private const double Epsilon = 1e-4;

    [Fact]
    public void JensenShannon_ScipyExample_MatchesScipy()
    {
        // scipy.spatial.distance.jensenshannon([0.1, 0.4, 0.5], [0.3, 0.3, 0.4]) -> 0.1803596560271257
        Assert.Equal(0.1803596560271257, JensenShannonDistance.Compute([0.1, 0.4, 0.5], [0.3, 0.3, 0.4]), 12);
    }

    [Fact]
    public void JensenShannon_DisjointSupports_IsSqrtLn2()
    {
        // scipy.spatial.distance.jensenshannon([1, 0], [0, 1]) -> 0.8325546111576977 = sqrt(ln 2)
        Assert.Equal(Math.Sqrt(Math.Log(2)), JensenShannonDistance.Compute([1, 0], [0, 1]), 12);
    }

    [Fact]
    public void JensenShannon_Counts_AreNormalizedLikeScipy()
    {
        Assert.Equal(
            JensenShannonDistance.Compute([0.1, 0.4, 0.5], [0.3, 0.3, 0.4]),
            JensenShannonDistance.Compute([1, 4, 5], [30, 30, 40]),
            12);
    }

    [Fact]
    public void KullbackLeibler_ScipyExample_MatchesScipy()
    {
        // scipy.stats.entropy([0.1, 0.4, 0.5], [0.3, 0.3, 0.4]) -> 0.11678337577100634
        Assert.Equal(0.11678337577100634, KullbackLeiblerDivergence.Compute([0.1, 0.4, 0.5], [0.3, 0.3, 0.4], Epsilon), 12);
    }

    [Fact]
    public void KullbackLeibler_EmptyBin_ReplacedByEpsilonThenRenormalized()
    {
        // p = [0.5, 0.5, 1e-4]; scipy.stats.entropy(p, [0.2, 0.3, 0.5]) -> 0.7125351999810998
        Assert.Equal(0.7125351999810998, KullbackLeiblerDivergence.Compute([0.5, 0.5, 0], [0.2, 0.3, 0.5], Epsilon), 12);
    }

    [Fact]
    public void PopulationStabilityIndex_HandComputed_Matches()
    {
        // p, q = numpy.array([0.1, 0.4, 0.5]), numpy.array([0.3, 0.3, 0.4]); numpy.sum((p - q) * numpy.log(p / q)) -> 0.270805020110221
        Assert.Equal(0.270805020110221, PopulationStabilityIndex.Compute([0.1, 0.4, 0.5], [0.3, 0.3, 0.4], Epsilon), 12);
    }

    [Fact]
    public void PopulationStabilityIndex_EmptyBin_ReplacedByEpsilonWithoutRenormalizing()
    {
        // p = numpy.array([0.5, 0.5, 1e-4]); q = numpy.array([0.2, 0.3, 0.5]); numpy.sum((p - q) * numpy.log(p / q)) -> 4.634797220704421
        Assert.Equal(4.634797220704421, PopulationStabilityIndex.Compute([0.5, 0.5, 0], [0.2, 0.3, 0.5], Epsilon), 12);
    }

    [Fact]
    public void PopulationStabilityIndex_BothEmpty_ContributesNothing()
    {
        Assert.Equal(0, PopulationStabilityIndex.Compute([0.5, 0, 0.5], [0.5, 0, 0.5], Epsilon));
    }

    [Fact]
    public void Hellinger_HandComputed_Matches()
    {
        // numpy.sqrt(numpy.sum((numpy.sqrt([0.1, 0.4, 0.5]) - numpy.sqrt([0.3, 0.3, 0.4])) ** 2)) / numpy.sqrt(2) -> 0.18212952047754055
        Assert.Equal(0.18212952047754055, HellingerDistance.Compute([0.1, 0.4, 0.5], [0.3, 0.3, 0.4]), 12);
    }

    [Fact]
    public void TotalVariation_HandComputed_Matches()
    {
        // 0.5 * (0.2 + 0.1 + 0.1) = 0.2
        Assert.Equal(0.2, TotalVariationDistance.Compute([0.1, 0.4, 0.5], [0.3, 0.3, 0.4]), 12);
    }

    [Fact]
    public void Distances_LengthsDiffer_Throw()
    {
        Assert.Throws<ArgumentException>(() => JensenShannonDistance.Compute([0.5, 0.5], [1]));
        Assert.Throws<ArgumentException>(() => HellingerDistance.Compute([], []));
        Assert.Throws<ArgumentException>(() => TotalVariationDistance.Compute([-0.5, 1.5], [0.5, 0.5]));
        Assert.Throws<ArgumentException>(() => PopulationStabilityIndex.Compute([double.NaN, 1], [0.5, 0.5], Epsilon));
        Assert.Throws<ArgumentOutOfRangeException>(() => KullbackLeiblerDivergence.Compute([0.5, 0.5], [0.5, 0.5], 0));
    }

    [Fact]
    public void Wasserstein_ShiftedSamples_IsTheShift()
    {
        // scipy.stats.wasserstein_distance([0, 1, 3], [5, 6, 8]) -> 5.0
        Assert.Equal(5.0, WassersteinDistance.Compute([0, 1, 3], [5, 6, 8]), 12);
    }

    [Fact]
    public void Wasserstein_UnequalSizesWithTies_MatchesScipy()
    {
        // scipy.stats.wasserstein_distance([1.5, 2, 2, 7, -1], [3, 0.25, 4]) -> 1.6500000000000001
        Assert.Equal(1.65, WassersteinDistance.Compute([1.5f, 2, 2, 7, -1], [3, 0.25f, 4]), 12);
    }

    [Fact]
    public void WassersteinFromSorted_Unsorted_Throws()
    {
        Assert.Throws<ArgumentException>(() => WassersteinDistance.FromSorted([2, 1], [1]));
        Assert.Throws<ArgumentException>(() => WassersteinDistance.Compute([float.NaN], [1]));
        Assert.Throws<ArgumentException>(() => WassersteinDistance.Compute([], [1]));
    }

    [Property(Arbitrary = [typeof(DistanceArbitraries)])]
    public Property SymmetricDistances_AreSymmetricZeroOnIdenticalAndBounded(ProbabilityPair pair)
    {
        double[] p = pair.P;
        double[] q = pair.Q;
        double js = JensenShannonDistance.Compute(p, q);
        double hellinger = HellingerDistance.Compute(p, q);
        double tvd = TotalVariationDistance.Compute(p, q);
        double psi = PopulationStabilityIndex.Compute(p, q, Epsilon);
        bool symmetric =
            Math.Abs(js - JensenShannonDistance.Compute(q, p)) < 1e-12 &&
            Math.Abs(hellinger - HellingerDistance.Compute(q, p)) < 1e-12 &&
            Math.Abs(tvd - TotalVariationDistance.Compute(q, p)) < 1e-12 &&
            Math.Abs(psi - PopulationStabilityIndex.Compute(q, p, Epsilon)) < 1e-9;
        bool bounded = js >= 0 && js <= Math.Sqrt(Math.Log(2)) + 1e-12 && hellinger >= 0 && hellinger <= 1 + 1e-12 &&
            tvd >= 0 && tvd <= 1 + 1e-12 && psi >= 0 && KullbackLeiblerDivergence.Compute(p, q, Epsilon) >= 0;
        bool zeroOnIdentical =
            JensenShannonDistance.Compute(p, p) < 1e-7 && HellingerDistance.Compute(p, p) == 0 &&
            TotalVariationDistance.Compute(p, p) == 0 && PopulationStabilityIndex.Compute(p, p, Epsilon) == 0 &&
            KullbackLeiblerDivergence.Compute(p, p, Epsilon) < 1e-12;
        return (symmetric && bounded && zeroOnIdentical).Label($"js={js} h={hellinger} tvd={tvd} psi={psi}");
    }

    [Property(Arbitrary = [typeof(DistanceArbitraries)])]
    public Property Wasserstein_MatchesBruteForceCdfIntegralAndIsSymmetric(SamplePair pair)
    {
        float[] u = pair.U;
        float[] v = pair.V;
        double expected = BruteForceWasserstein(u, v);
        double actual = WassersteinDistance.Compute(u, v);
        double swapped = WassersteinDistance.Compute(v, u);
        double self = WassersteinDistance.Compute(u, u);
        bool close = Math.Abs(actual - expected) <= 1e-9 * Math.Max(1, expected);
        return (close && actual == swapped && self == 0).Label($"expected {expected}, actual {actual}, swapped {swapped}");
    }

    // The integral of |U(x) - V(x)| over the sorted union of points, CDFs counted by brute force at each point.
    private static double BruteForceWasserstein(float[] u, float[] v)
    {
        double[] points = u.Concat(v).Select(x => (double)x).Distinct().Order().ToArray();
        double sum = 0;
        for (int k = 0; k + 1 < points.Length; k++)
        {
            double cdfU = u.Count(x => x <= points[k]) / (double)u.Length;
            double cdfV = v.Count(x => x <= points[k]) / (double)v.Length;
            sum += Math.Abs(cdfU - cdfV) * (points[k + 1] - points[k]);
        }

        return sum;
    }
}

public sealed record ProbabilityPair(double[] P, double[] Q);

public sealed record SamplePair(float[] U, float[] V);

public static class DistanceArbitraries
{
    public static Arbitrary<ProbabilityPair> Pairs() =>
        (from length in Gen.Choose(1, 12)
         from p in Shares(length)
         from q in Shares(length)
         select new ProbabilityPair(p, q)).ToArbitrary();

    public static Arbitrary<SamplePair> Samples() =>
        (from u in Sample()
         from v in Sample()
         select new SamplePair(u, v)).ToArbitrary();

    private static Gen<double[]> Shares(int length) =>
        Gen.ArrayOf(Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Choose(1, 1000))), length)
            .Where(counts => counts.Sum() > 0)
            .Select(counts =>
            {
                double total = counts.Sum();
                return counts.Select(c => c / total).ToArray();
            });

    // Small integer grid plus halves so that ties and shared points are common.
    private static Gen<float[]> Sample() =>
        Gen.Choose(1, 40).SelectMany(length => Gen.ArrayOf(Gen.Choose(-20, 20).Select(x => x / 2f), length));
}
