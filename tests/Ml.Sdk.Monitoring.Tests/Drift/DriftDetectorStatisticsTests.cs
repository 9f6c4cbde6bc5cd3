using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ml.Sdk.Monitoring.Distances;
using Ml.Sdk.Monitoring.Drift;
using Ml.Sdk.Monitoring.Drift.Internal;
using Ml.Sdk.Monitoring.Profiles;
using Ml.Sdk.Monitoring.Statistics;
using static Ml.Sdk.Monitoring.Tests.Drift.DriftDetectorTests;

namespace Ml.Sdk.Monitoring.Tests.Drift;

public class DriftDetectorStatisticsTests
{
    // r = numpy.array([(i * 37 % 1000) / 100 for i in range(500)], dtype=numpy.float32).astype(float)
    private static readonly float[] s_reference = Enumerable.Range(0, 500).Select(i => (float)(i * 37 % 1000 / 100.0)).ToArray();

    // c = numpy.array([(j * 53 % 700) / 100 + 1 for j in range(300)], dtype=numpy.float32).astype(float)
    private static readonly float[] s_current = Enumerable.Range(0, 300).Select(j => (float)((j * 53 % 700 / 100.0) + 1)).ToArray();

    [Fact]
    public void Detect_SmallNumericReference_KolmogorovSmirnovMatchesScipy()
    {
        ColumnDriftResult x = DriftDetector.Detect(Numeric(s_reference), Numeric(s_current))["x"];

        Assert.Equal(DriftMethod.KolmogorovSmirnov, x.Method);
        Assert.True(x.IsPValueMethod);
        Assert.Equal(0.05, x.Threshold);

        // scipy.stats.ks_2samp(r, c) -> statistic=0.21266666666666667, pvalue=6.778880126422254e-08
        Assert.Equal(0.21266666666666667, x.Statistic, 12);
        Assert.Equal(6.778880126422254e-08, x.PValue, 1e-12);
        Assert.Equal(x.PValue, x.Score);
        Assert.True(x.Drifted);
    }

    [Theory]
    [InlineData(DriftMethod.KolmogorovSmirnov)]
    [InlineData(DriftMethod.CramerVonMises)]
    [InlineData(DriftMethod.AndersonDarling)]
    [InlineData(DriftMethod.MannWhitneyU)]
    [InlineData(DriftMethod.TTest)]
    public void Detect_PValueMethods_EqualTestOnRawData(DriftMethod method)
    {
        StatisticalTestResult expected = method switch
        {
            DriftMethod.KolmogorovSmirnov => KolmogorovSmirnovTest.TwoSample(s_reference, s_current),
            DriftMethod.CramerVonMises => CramerVonMisesTest.TwoSample(s_reference, s_current),
            DriftMethod.AndersonDarling => AndersonDarlingTest.TwoSample(s_reference, s_current),
            DriftMethod.MannWhitneyU => MannWhitneyUTest.TwoSample(s_reference, s_current),
            _ => StudentTTest.TwoSample(s_reference, s_current, equalVariances: true),
        };

        ColumnDriftResult x = DriftDetector.Detect(Numeric(s_reference), Numeric(s_current), new DriftOptions { NumericMethod = method })["x"];

        Assert.Equal(method, x.Method);
        Assert.Equal(expected.Statistic, x.Statistic, 9);
        Assert.Equal(expected.PValue, x.PValue, 12);
    }

    [Fact]
    public void Detect_TTestOnConstantColumns_DefinedVerdicts()
    {
        var options = new DriftOptions { NumericMethod = DriftMethod.TTest };
        float[] constant = Enumerable.Repeat(2f, 50).ToArray();

        ColumnDriftResult same = DriftDetector.Detect(Numeric(constant), Numeric(constant), options)["x"];
        ColumnDriftResult different = DriftDetector.Detect(Numeric(constant), Numeric(Enumerable.Repeat(3f, 50).ToArray()), options)["x"];

        Assert.Equal(1, same.PValue);
        Assert.False(same.Drifted);
        Assert.Equal(0, different.PValue);
        Assert.True(different.Drifted);
    }

    [Fact]
    public void Detect_TwoCategories_ZTestMatchesEvidentlyFormula()
    {
        string[] reference = ["a", "a", "a", "a", "a", "b", "b", "b", "b", "b"];
        string[] current = ["a", "a", "a", "a", "a", "a", "a", "a", "b", "b", "b"];

        ColumnDriftResult c = DriftDetector.Detect(Categorical(reference), Categorical(current))["c"];

        // p1, p2, P = 5/10, 8/11, 13/21; z = (p1 - p2) / sqrt(P (1 - P) (1/10 + 1/11)); 2 * (1 - norm.cdf(abs(z))) -> 0.28411712283123247
        Assert.Equal(DriftMethod.ZTest, c.Method);
        Assert.Equal(0.28411712283123247, c.PValue, 9);
        Assert.Equal(1.0711163381212192, Math.Abs(c.Statistic), 9);
        Assert.False(c.Drifted);
    }

    [Fact]
    public void Detect_ChiSquare_MatchesScipy()
    {
        string[] reference = ["a", "a", "a", "a", "a", "b", "b", "b", "b", "b"];
        string[] current = ["a", "a", "a", "a", "a", "a", "a", "a", "b", "b", "b"];

        ColumnDriftResult c = DriftDetector.Detect(Categorical(reference), Categorical(current), new DriftOptions { CategoricalMethod = DriftMethod.ChiSquare })["c"];

        // scipy.stats.chisquare([8, 3], [5.5, 5.5]) -> statistic=2.272727272727273, pvalue=0.13166801602281455
        Assert.Equal(2.272727272727273, c.Statistic, 12);
        Assert.Equal(0.13166801602281455, c.PValue, 12);
    }

    [Fact]
    public void Detect_ThreeCategoriesSmallReference_ChiSquare()
    {
        ColumnDriftResult c = DriftDetector.Detect(Categorical(["a", "b", "c", "a"]), Categorical(["a", "b", "c", "c"]))["c"];

        Assert.Equal(DriftMethod.ChiSquare, c.Method);
        Assert.Empty(c.UnseenCategories);
        Assert.Equal(["a", "c", "b"], c.Distribution!.Categories); // most frequent first: by reference, then current
    }

    [Fact]
    public void Detect_LowCardinalitySmallNumeric_ZTestOnValues()
    {
        float[] reference = [0, 0, 0, 1, 1, float.NaN];
        float[] current = [0, 1, 1, 1];

        ColumnDriftResult x = DriftDetector.Detect(Numeric(reference), Numeric(current))["x"];

        Assert.Equal(DriftMethod.ZTest, x.Method);
        Assert.Equal(ProportionZTest.TwoSample(3, 5, 1, 4).PValue, x.PValue, 12);
        Assert.Equal(["0", "1"], x.Distribution!.Categories);
    }

    [Fact]
    public void Correction_BenjaminiHochbergTextbookExample_MatchesStepUp()
    {
        // Benjamini and Hochberg (1995), 15 p-values; at q = 0.05 the first four are rejected.
        double[] p = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000];
        double[] adjusted = new double[p.Length];

        PValueCorrection.Adjust(MultipleTestingCorrection.BenjaminiHochberg, p, adjusted);

        // a[i] = min over j >= i of p[j] * 15 / (j + 1), from the top
        double[] expected = [0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.0638571428571, 0.0638571428571, 0.0645, 0.0765, 0.486, 0.581181818182, 0.714875, 0.753230769231, 0.813214285714, 1];
        for (int i = 0; i < p.Length; i++)
        {
            Assert.Equal(expected[i], adjusted[i], 9);
        }

        Assert.Equal(4, adjusted.Count(a => a < 0.05));
    }

    [Fact]
    public void Correction_UnsortedInput_AdjustsInPlaceOfEach()
    {
        double[] adjusted = new double[4];

        PValueCorrection.Adjust(MultipleTestingCorrection.BenjaminiHochberg, [0.01, 0.04, 0.03, 0.005], adjusted);
        double[] bonferroni = new double[4];
        PValueCorrection.Adjust(MultipleTestingCorrection.Bonferroni, [0.01, 0.04, 0.3, 0.005], bonferroni);

        // sorted 0.005, 0.01, 0.03, 0.04 -> 0.02, 0.02, 0.04, 0.04
        Assert.Equal([0.02, 0.04, 0.04, 0.02], adjusted);
        Assert.Equal([0.04, 0.16, 1, 0.02], bonferroni);
    }

    [Theory]
    [InlineData(MultipleTestingCorrection.Bonferroni)]
    [InlineData(MultipleTestingCorrection.BenjaminiHochberg)]
    public void Detect_Correction_ScoreCarriesAdjustedPValue(MultipleTestingCorrection correction)
    {
        float[] shifted = s_reference.Select(v => v + 0.4f).ToArray();
        DriftDataset reference = new DriftDataset().AddNumeric("a", s_reference).AddNumeric("b", s_reference).AddNumeric("d", s_reference);
        DriftDataset current = new DriftDataset().AddNumeric("a", shifted).AddNumeric("b", s_reference).AddNumeric("d", s_current.AsMemory(0, 300).ToArray().Concat(s_current).Concat(s_current).Take(500).ToArray());
        DatasetDriftResult plain = DriftDetector.Detect(reference, current);

        DatasetDriftResult corrected = DriftDetector.Detect(reference, current, new DriftOptions { Correction = correction });

        double[] raw = [.. plain.Columns.Select(c => c.PValue)];
        double[] expected = new double[3];
        PValueCorrection.Adjust(correction, raw, expected);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(raw[i], corrected.Columns[i].PValue);
            Assert.Equal(expected[i], corrected.Columns[i].Score);
            Assert.Equal(expected[i] < 0.05, corrected.Columns[i].Drifted);
        }

        Assert.Equal(correction, corrected.Correction);
    }

    [Property(Arbitrary = [typeof(DetectorArbitraries)], MaxTest = 60)]
    public Property Detect_KolmogorovSmirnovAndWasserstein_EqualDirectComputationOnRawData(DetectorSamples samples)
    {
        ReferenceProfile profile = ReferenceProfile.Create(Numeric(samples.Reference));
        DriftDataset current = Numeric(samples.Current);
        float[] finiteCurrent = samples.Current.Where(float.IsFinite).ToArray();

        ColumnDriftResult ks = DriftDetector.Detect(profile, current, new DriftOptions { NumericMethod = DriftMethod.KolmogorovSmirnov })["x"];
        ColumnDriftResult w = DriftDetector.Detect(profile, current, new DriftOptions { NumericMethod = DriftMethod.Wasserstein })["x"];

        StatisticalTestResult expected = KolmogorovSmirnovTest.TwoSample(samples.Reference, finiteCurrent);
        double expectedW = WassersteinDistance.Compute(samples.Reference, finiteCurrent);
        return (ks.Statistic == expected.Statistic && ks.PValue == expected.PValue && w.Score == expectedW)
            .Label($"KS {ks.Statistic}/{ks.PValue} vs {expected.Statistic}/{expected.PValue}; W {w.Score} vs {expectedW}");
    }
}

public sealed record DetectorSamples(float[] Reference, float[] Current);

public static class DetectorArbitraries
{
    public static Arbitrary<DetectorSamples> Samples()
    {
        Gen<float> value = Gen.Choose(-300, 300).Select(x => x / 16f);
        Gen<float> current = Gen.Frequency((12, value), (1, Gen.Elements(float.NaN, float.PositiveInfinity)));
        return (from n in Gen.Choose(1, 400)
                from m in Gen.Choose(1, 400)
                from reference in Gen.ArrayOf(value, n)
                from cur in Gen.ArrayOf(current, m)
                where cur.Any(float.IsFinite)
                select new DetectorSamples(reference, cur)).ToArbitrary();
    }
}
