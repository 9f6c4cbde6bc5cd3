using Ml.Sdk.Monitoring.Statistics.Internal;

namespace Ml.Sdk.Monitoring.Tests.Statistics.Internal;

// Known answers from scipy 1.10.1 (/usr/bin/python3, "from scipy import special, stats").
public sealed class SpecialFunctionsScipyTests
{
    [Theory]
    [InlineData(0.1, 2.252712651734206)] // special.gammaln(0.1)
    [InlineData(0.5, 0.5723649429247)] // special.gammaln(0.5)
    [InlineData(1.0, 0.0)] // special.gammaln(1.0)
    [InlineData(2.5, 0.2846828704729192)] // special.gammaln(2.5)
    [InlineData(9.99, 12.779315214350195)] // special.gammaln(9.99)
    [InlineData(10.0, 12.801827480081469)] // special.gammaln(10.0)
    [InlineData(37.3, 96.80012703802328)] // special.gammaln(37.3)
    [InlineData(1000.0, 5905.220423209181)] // special.gammaln(1000.0)
    [InlineData(1000000.0, 12815504.569147611)] // special.gammaln(1000000.0)
    public void LogGamma_KnownPoint_MatchesScipy(double x, double expected)
    {
        ScipyAssert.Close(expected, SpecialFunctions.LogGamma(x));
    }

    [Theory]
    [InlineData(0.5, 0.01, 0.887537083981715)] // special.gammaincc(0.5, 0.01)
    [InlineData(0.5, 2.0, 0.04550026389635857)] // special.gammaincc(0.5, 2.0)
    [InlineData(0.5, 50.0, 1.5239706048320995e-23)] // special.gammaincc(0.5, 50.0)
    [InlineData(1.5, 3.0, 0.11161022509471268)] // special.gammaincc(1.5, 3.0)
    [InlineData(3.0, 1.0, 0.9196986029286058)] // special.gammaincc(3.0, 1.0)
    [InlineData(10.0, 25.0, 0.0002214766382487835)] // special.gammaincc(10.0, 25.0)
    [InlineData(50.0, 40.0, 0.9296649333406051)] // special.gammaincc(50.0, 40.0)
    [InlineData(500.0, 600.0, 1.2255942330622893e-05)] // special.gammaincc(500.0, 600.0)
    [InlineData(100000.0, 101000.0, 0.0008084215129255896)] // special.gammaincc(100000.0, 101000.0)
    public void GammaQ_KnownPoint_MatchesScipy(double a, double x, double expected)
    {
        ScipyAssert.Close(expected, SpecialFunctions.GammaQ(a, x));
    }

    [Theory]
    [InlineData(0.5, 0.01, 0.11246291601828491)] // special.gammainc(0.5, 0.01)
    [InlineData(0.5, 2.0, 0.9544997361036415)] // special.gammainc(0.5, 2.0)
    [InlineData(0.5, 50.0, 1.0)] // special.gammainc(0.5, 50.0)
    [InlineData(1.5, 3.0, 0.8883897749052874)] // special.gammainc(1.5, 3.0)
    [InlineData(3.0, 1.0, 0.08030139707139418)] // special.gammainc(3.0, 1.0)
    [InlineData(10.0, 25.0, 0.9997785233617512)] // special.gammainc(10.0, 25.0)
    [InlineData(50.0, 40.0, 0.07033506665939494)] // special.gammainc(50.0, 40.0)
    [InlineData(500.0, 600.0, 0.9999877440576694)] // special.gammainc(500.0, 600.0)
    [InlineData(100000.0, 101000.0, 0.9991915784870744)] // special.gammainc(100000.0, 101000.0)
    public void GammaP_KnownPoint_MatchesScipy(double a, double x, double expected)
    {
        ScipyAssert.Close(expected, SpecialFunctions.GammaP(a, x));
    }

    [Theory]
    [InlineData(0.5, 0.5, 0.3, 0.3690101195655454)] // special.betainc(0.5, 0.5, 0.3)
    [InlineData(2.0, 3.0, 0.4, 0.5247999999999999)] // special.betainc(2.0, 3.0, 0.4)
    [InlineData(10.0, 0.5, 0.9, 0.15164090963470997)] // special.betainc(10.0, 0.5, 0.9)
    [InlineData(0.5, 10.0, 0.01, 0.3420718248432155)] // special.betainc(0.5, 10.0, 0.01)
    [InlineData(50.0, 60.0, 0.45, 0.4642352914306064)] // special.betainc(50.0, 60.0, 0.45)
    [InlineData(1000000.0, 0.5, 0.99999, 7.743831699980364e-06)] // special.betainc(1000000.0, 0.5, 0.99999)
    [InlineData(3.5, 10000.0, 0.0002, 0.22032626879320347)] // special.betainc(3.5, 10000.0, 0.0002)
    public void BetaOfX_KnownPoint_MatchesScipy(double a, double b, double x, double expected)
    {
        ScipyAssert.Close(expected, BetaOfX(a, b, x));
    }

    [Theory]
    [InlineData(-3.0, 1.9999779095030015)] // special.erfc(-3.0)
    [InlineData(-0.5, 1.5204998778130465)] // special.erfc(-0.5)
    [InlineData(0.0, 1.0)] // special.erfc(0.0)
    [InlineData(1e-08, 0.9999999887162083)] // special.erfc(1e-08)
    [InlineData(0.3, 0.6713732405408726)] // special.erfc(0.3)
    [InlineData(1.0, 0.15729920705028516)] // special.erfc(1.0)
    [InlineData(2.0, 0.004677734981047266)] // special.erfc(2.0)
    [InlineData(5.0, 1.5374597944280347e-12)] // special.erfc(5.0)
    [InlineData(10.0, 2.0884875837625446e-45)] // special.erfc(10.0)
    [InlineData(26.0, 5.663192408856145e-296)] // special.erfc(26.0)
    public void Erfc_KnownPoint_MatchesScipy(double x, double expected)
    {
        ScipyAssert.Close(expected, SpecialFunctions.Erfc(x));
    }

    [Theory]
    [InlineData(-8.0, 0.9999999999999993)] // stats.norm.sf(-8.0)
    [InlineData(-1.0, 0.8413447460685429)] // stats.norm.sf(-1.0)
    [InlineData(0.0, 0.5)] // stats.norm.sf(0.0)
    [InlineData(1.959963984540054, 0.025)] // stats.norm.sf(1.959963984540054)
    [InlineData(3.0, 0.0013498980316300933)] // stats.norm.sf(3.0)
    [InlineData(8.0, 6.22096057427174e-16)] // stats.norm.sf(8.0)
    [InlineData(20.0, 2.7536241186061556e-89)] // stats.norm.sf(20.0)
    [InlineData(37.0, 5.7255712225239266e-300)] // stats.norm.sf(37.0)
    public void NormalSf_KnownPoint_MatchesScipy(double z, double expected)
    {
        ScipyAssert.Close(expected, SpecialFunctions.NormalSf(z));
    }

    [Theory]
    [InlineData(2.0, 1.0, 0.1475836176504332)] // stats.t.sf(2.0, 1.0)
    [InlineData(2.228138851986274, 10.0, 0.024999999999999988)] // stats.t.sf(2.228138851986274, 10.0)
    [InlineData(-1.5, 7.3, 0.912218453598457)] // stats.t.sf(-1.5, 7.3)
    [InlineData(0.3, 30.0, 0.3831230526421764)] // stats.t.sf(0.3, 30.0)
    [InlineData(5.0, 3.0, 0.007696219036651148)] // stats.t.sf(5.0, 3.0)
    [InlineData(12.0, 1000.0, 2.16202869338729e-31)] // stats.t.sf(12.0, 1000.0)
    [InlineData(10.0, 2000000.0, 7.629573327291316e-24)] // stats.t.sf(10.0, 2000000.0)
    [InlineData(1.0, 2000000.0, 0.15865531442413075)] // stats.t.sf(1.0, 2000000.0)
    [InlineData(40.0, 50.0, 6.206211892186416e-40)] // stats.t.sf(40.0, 50.0)
    public void StudentTSf_KnownPoint_MatchesScipy(double t, double df, double expected)
    {
        ScipyAssert.Close(expected, SpecialFunctions.StudentTSf(t, df));
    }

    [Theory]
    [InlineData(3.841458820694124, 1.0, 0.04999999999999989)] // stats.chi2.sf(3.841458820694124, 1.0)
    [InlineData(0.5, 3.0, 0.9188914116546758)] // stats.chi2.sf(0.5, 3.0)
    [InlineData(20.0, 5.0, 0.0012497305630313773)] // stats.chi2.sf(20.0, 5.0)
    [InlineData(200.0, 150.0, 0.003973185970821635)] // stats.chi2.sf(200.0, 150.0)
    [InlineData(1000.0, 10.0, 1.870290720915977e-208)] // stats.chi2.sf(1000.0, 10.0)
    [InlineData(50000.0, 49999.0, 0.49789738727545746)] // stats.chi2.sf(50000.0, 49999.0)
    public void ChiSquareSf_KnownPoint_MatchesScipy(double x, double df, double expected)
    {
        ScipyAssert.Close(expected, SpecialFunctions.ChiSquareSf(x, df));
    }

    [Theory]
    [InlineData(1, 0.3, 1.0)] // stats.kstwo.sf(0.3, 1)
    [InlineData(5, 0.15, 0.9988)] // stats.kstwo.sf(0.15, 5)
    [InlineData(5, 0.3, 0.664)] // stats.kstwo.sf(0.3, 5)
    [InlineData(5, 0.9, 1.9999999999999978e-05)] // stats.kstwo.sf(0.9, 5)
    [InlineData(10, 0.05, 1.0)] // stats.kstwo.sf(0.05, 10)
    [InlineData(10, 0.12, 0.9948566839762616)] // stats.kstwo.sf(0.12, 10)
    [InlineData(10, 0.3, 0.27053557479999946)] // stats.kstwo.sf(0.3, 10)
    [InlineData(10, 0.55, 0.0022805103214843725)] // stats.kstwo.sf(0.55, 10)
    [InlineData(10, 0.95, 1.9531250000000172e-13)] // stats.kstwo.sf(0.95, 10)
    [InlineData(40, 0.1, 0.7818109707182903)] // stats.kstwo.sf(0.1, 40)
    [InlineData(40, 0.2, 0.07048187616884194)] // stats.kstwo.sf(0.2, 40)
    [InlineData(40, 0.4, 2.7416081587210553e-06)] // stats.kstwo.sf(0.4, 40)
    [InlineData(100, 0.05, 0.9532159710635725)] // stats.kstwo.sf(0.05, 100)
    [InlineData(140, 0.2, 2.1981563302200222e-05)] // stats.kstwo.sf(0.2, 140)
    [InlineData(141, 0.05, 0.8548456930096628)] // stats.kstwo.sf(0.05, 141)
    [InlineData(141, 0.2, 2.0276784223976912e-05)] // stats.kstwo.sf(0.2, 141)
    [InlineData(1000, 0.01, 0.9999496745370611)] // stats.kstwo.sf(0.01, 1000)
    [InlineData(1000, 0.03, 0.3226902143914636)] // stats.kstwo.sf(0.03, 1000)
    [InlineData(1000, 0.06, 0.001428597887952891)] // stats.kstwo.sf(0.06, 1000)
    [InlineData(1000, 0.3, 2.590715705736845e-80)] // stats.kstwo.sf(0.3, 1000)
    [InlineData(5000, 0.01, 0.6954557253913853)] // stats.kstwo.sf(0.01, 5000)
    [InlineData(100000, 0.002, 0.8178408363081542)] // stats.kstwo.sf(0.002, 100000)
    [InlineData(100000, 0.004, 0.08130148920222469)] // stats.kstwo.sf(0.004, 100000)
    [InlineData(100001, 0.002, 0.8178361459744294)] // stats.kstwo.sf(0.002, 100001)
    [InlineData(500000, 0.0005, 0.9996286945544336)] // stats.kstwo.sf(0.0005, 500000)
    [InlineData(500000, 0.003, 0.00024632301239186754)] // stats.kstwo.sf(0.003, 500000)
    [InlineData(2000000, 0.001, 0.03660662431970485)] // stats.kstwo.sf(0.001, 2000000)
    [InlineData(2000000, 0.002, 2.247704493692889e-07)] // stats.kstwo.sf(0.002, 2000000)
    public void KolmogorovSf_KnownPoint_MatchesScipy(int n, double x, double expected)
    {
        ScipyAssert.Close(expected, KolmogorovDistribution.Sf(n, x));
    }

    [Theory]
    [InlineData(1, 0.4, 0.6)] // special.smirnov(1, 0.4)
    [InlineData(5, 0.3, 0.34282)] // special.smirnov(5, 0.3)
    [InlineData(10, 0.6, 0.0002840836000000002)] // special.smirnov(10, 0.6)
    [InlineData(100, 0.2, 0.0002775963664037337)] // special.smirnov(100, 0.2)
    [InlineData(1000, 0.05, 0.006506037390545166)] // special.smirnov(1000, 0.05)
    [InlineData(1000, 0.001, 0.9972857902774867)] // special.smirnov(1000, 0.001)
    [InlineData(50000, 0.01, 4.509024405921801e-05)] // special.smirnov(50000, 0.01)
    [InlineData(999999, 0.002, 0.0003350165353074802)] // special.smirnov(999999, 0.002)
    [InlineData(1000001, 0.002, 0.0003350129437289286)] // special.smirnov(1000001, 0.002)
    public void SmirnovSf_KnownPoint_MatchesScipy(int n, double x, double expected)
    {
        ScipyAssert.Close(expected, SmirnovDistribution.Sf(n, x));
    }

    private static double BetaOfX(double a, double b, double x) => SpecialFunctions.Beta(a, b, x, 1 - x);
}
