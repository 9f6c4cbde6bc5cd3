using Ml.Sdk.Monitoring.Distances;
using Ml.Sdk.Monitoring.Drift;
using Ml.Sdk.Monitoring.Drift.Internal;
using Ml.Sdk.Monitoring.Profiles;
using Ml.Sdk.Monitoring.Tests.Profiles;

namespace Ml.Sdk.Monitoring.Tests.Drift;

public class DriftDetectorTests
{
    // r = numpy.array([(i * 37 % 1000) / 100 for i in range(2000)], dtype=numpy.float32)
    private static readonly float[] s_reference = Enumerable.Range(0, 2000).Select(i => (float)(i * 37 % 1000 / 100.0)).ToArray();

    // c = numpy.array([(j * 53 % 700) / 100 + 1 for j in range(1500)], dtype=numpy.float32)
    private static readonly float[] s_current = Enumerable.Range(0, 1500).Select(j => (float)((j * 53 % 700 / 100.0) + 1)).ToArray();

    [Fact]
    public void Detect_LargeNumericReference_WassersteinNormedMatchesScipy()
    {
        DatasetDriftResult result = DriftDetector.Detect(Numeric(s_reference), Numeric(s_current));

        ColumnDriftResult x = result["x"];
        Assert.Equal(DriftMethod.WassersteinNormed, x.Method);
        Assert.False(x.IsPValueMethod);
        Assert.Equal(ColumnDriftStatus.Tested, x.Status);

        // scipy.stats.wasserstein_distance(r.astype(float), c.astype(float)) / numpy.std(r.astype(float)) -> 0.28977455440154326
        Assert.Equal(0.28977455440154326, x.Score, 9);
        Assert.Equal(x.Score, x.Statistic);
        Assert.True(double.IsNaN(x.PValue));
        Assert.Equal(0.1, x.Threshold);
        Assert.True(x.Drifted);
        Assert.Equal(2000, x.ReferenceCount);
        Assert.Equal(1500, x.CurrentCount);
        Assert.Equal(s_reference.Average(v => (double)v), x.ReferenceMean, 9);
        Assert.Equal(s_current.Average(v => (double)v), x.CurrentMean, 9);
        Assert.Equal(1, result.DriftShare);
        Assert.True(result.DatasetDrifted);
    }

    [Fact]
    public void Detect_Wasserstein_EqualsDistanceOnRawData()
    {
        var options = new DriftOptions { NumericMethod = DriftMethod.Wasserstein };

        ColumnDriftResult x = DriftDetector.Detect(Numeric(s_reference), Numeric(s_current), options)["x"];

        // scipy.stats.wasserstein_distance(r.astype(float), c.astype(float)) -> 0.8365066664256156
        Assert.Equal(0.8365066664256156, x.Score, 9);
        Assert.Equal(WassersteinDistance.Compute(s_reference, s_current), x.Score);
    }

    [Fact]
    public void Detect_SameDistribution_NoDrift()
    {
        DatasetDriftResult result = DriftDetector.Detect(Numeric(s_reference), Numeric(s_reference));

        Assert.Equal(0, result["x"].Score);
        Assert.False(result["x"].Drifted);
        Assert.Equal(0, result.DriftShare);
        Assert.False(result.DatasetDrifted);
    }

    [Theory]
    [InlineData(DriftMethod.JensenShannon)]
    [InlineData(DriftMethod.PopulationStabilityIndex)]
    [InlineData(DriftMethod.KullbackLeibler)]
    [InlineData(DriftMethod.Hellinger)]
    public void Detect_BinnedMethods_EqualDistanceOnOpenEndedReferenceQuantileBins(DriftMethod method)
    {
        // The current data reaches below and above the reference's range: those values count in the outer bins.
        float[] current = [.. s_current, -5, -6, 50];
        ReferenceProfile profile = ReferenceProfile.Create(Numeric(s_reference), new ReferenceProfileOptions { QuantileBinCount = 8 });
        var options = new DriftOptions { NumericMethod = method };

        ColumnDriftResult x = DriftDetector.Detect(profile, Numeric(current), options)["x"];

        float[] edges = QuantileEdges(s_reference, 8);
        double[] referenceShares = BruteForceShares(s_reference, edges);
        double[] currentShares = BruteForceShares(current, edges);
        double expected = method switch
        {
            DriftMethod.JensenShannon => JensenShannonDistance.Compute(referenceShares, currentShares),
            DriftMethod.PopulationStabilityIndex => PopulationStabilityIndex.Compute(referenceShares, currentShares, 1e-4),
            DriftMethod.KullbackLeibler => KullbackLeiblerDivergence.Compute(referenceShares, currentShares, 1e-4),
            _ => HellingerDistance.Compute(referenceShares, currentShares),
        };
        Assert.Equal(method, x.Method);
        Assert.Equal(expected, x.Score, 12);
        Assert.Equal(edges.Select(e => (double)e), x.Distribution!.BinEdges);
        Assert.Equal(referenceShares, x.Distribution.ReferenceShares);
        Assert.Equal(currentShares, x.Distribution.CurrentShares);
        Assert.Equal(1, x.Distribution.CurrentShares.Sum(), 12);
    }

    [Fact]
    public void Detect_LargeCategoricalReference_JensenShannonOverUnionMatchesScipy()
    {
        string[] reference = [.. Repeat("a", 600), .. Repeat("b", 300), .. Repeat("c", 100), .. Repeat("a", 1)];
        string[] current = [.. Repeat("a", 500), .. Repeat("b", 300), .. Repeat("c", 150), .. Repeat("d", 50)];
        reference = reference[..1001];
        reference[1000] = "a";

        ColumnDriftResult c = DriftDetector.Detect(Categorical(reference), Categorical(current))["c"];

        Assert.Equal(DriftMethod.JensenShannon, c.Method);
        double[] referenceShares = [601 / 1001.0, 300 / 1001.0, 100 / 1001.0, 0];
        double[] currentShares = [0.5, 0.3, 0.15, 0.05];
        Assert.Equal(JensenShannonDistance.Compute(referenceShares, currentShares), c.Score, 12);
        Assert.Equal(["d"], c.UnseenCategories);
        Assert.Equal(["a", "b", "c", "d"], c.Distribution!.Categories);
        Assert.Equal(currentShares, c.Distribution.CurrentShares);
        Assert.True(c.Drifted); // about 0.149 >= 0.1
    }

    [Fact]
    public void Detect_JensenShannonExample_MatchesScipy()
    {
        string[] reference = [.. Repeat("a", 600), .. Repeat("b", 300), .. Repeat("c", 100)];
        string[] current = [.. Repeat("a", 500), .. Repeat("b", 300), .. Repeat("c", 150), .. Repeat("d", 50)];
        var options = new DriftOptions { CategoricalMethod = DriftMethod.JensenShannon };

        ColumnDriftResult c = DriftDetector.Detect(Categorical(reference), Categorical(current), options)["c"];

        // jensenshannon(numpy.array([600, 300, 100, 0]) / 1000, numpy.array([500, 300, 150, 50]) / 1000) -> 0.1487329380253159
        Assert.Equal(0.1487329380253159, c.Score, 12);
    }

    [Fact]
    public void Detect_TotalVariationOnCategories_IsHalfTheL1Distance()
    {
        var options = new DriftOptions { CategoricalMethod = DriftMethod.TotalVariation };

        ColumnDriftResult c = DriftDetector.Detect(Categorical(["a", "a", "b", "b"]), Categorical(["a", "b", "b", "b"]), options)["c"];

        Assert.Equal(0.25, c.Score, 12);
        Assert.True(c.Drifted);
    }

    [Fact]
    public void Detect_ChiSquareWithUnseenCategory_InfiniteStatisticPZeroDrift()
    {
        string[] reference = ["a", "b", "c", "a", "b", "c"];
        string?[] current = ["a", "b", "c", "zz", "d", null];

        ColumnDriftResult c = DriftDetector.Detect(Categorical(reference), Categorical(current))["c"];

        Assert.Equal(DriftMethod.ChiSquare, c.Method);
        Assert.True(c.IsPValueMethod);
        Assert.Equal(double.PositiveInfinity, c.Statistic);
        Assert.Equal(0, c.PValue);
        Assert.Equal(0, c.Score);
        Assert.True(c.Drifted);
        Assert.Equal(["d", "zz"], c.UnseenCategories);
        Assert.Equal(5, c.CurrentCount);
        Assert.Equal(1, c.CurrentMissingCount);
    }

    [Fact]
    public void Detect_LowCardinalityNumericLargeReference_JensenShannonOnValueShares()
    {
        float[] reference = [.. Enumerable.Repeat(0f, 800), .. Enumerable.Repeat(1f, 400), .. Enumerable.Repeat(2.5f, 300)];
        float[] current = [.. Enumerable.Repeat(0f, 100), .. Enumerable.Repeat(1f, 100), .. Enumerable.Repeat(2.5f, 100)];

        ColumnDriftResult x = DriftDetector.Detect(Numeric(reference), Numeric(current))["x"];

        Assert.Equal(DriftMethod.JensenShannon, x.Method);
        Assert.Equal(ColumnKind.Categorical, x.Distribution!.Kind);
        Assert.Equal(["0", "1", "2.5"], x.Distribution.Categories);
        Assert.Equal(JensenShannonDistance.Compute([800 / 1500.0, 400 / 1500.0, 300 / 1500.0], [1 / 3.0, 1 / 3.0, 1 / 3.0]), x.Score, 12);
    }

    [Fact]
    public void Detect_LowCardinalityReferenceButManyCurrentValues_UsesNumericMethod()
    {
        float[] reference = [.. Enumerable.Repeat(0f, 800), .. Enumerable.Repeat(1f, 700)];
        float[] current = Enumerable.Range(0, 100).Select(i => i / 100f).ToArray();

        ColumnDriftResult x = DriftDetector.Detect(Numeric(reference), Numeric(current))["x"];

        // Evidently counts distinct values over reference and current together: 100 > 5, so the column is numeric.
        Assert.Equal(DriftMethod.WassersteinNormed, x.Method);
        Assert.Equal(ColumnKind.Numeric, x.Distribution!.Kind);
    }

    [Fact]
    public void Detect_ConstantReference_DefinedFiniteResults()
    {
        float[] reference = Enumerable.Repeat(3f, 1500).ToArray();

        DatasetDriftResult same = DriftDetector.Detect(Numeric(reference), Numeric(Enumerable.Repeat(3f, 10).ToArray()));
        DatasetDriftResult moved = DriftDetector.Detect(Numeric(reference), Numeric(Enumerable.Repeat(4f, 10).ToArray()));
        var normed = new DriftOptions { NumericMethod = DriftMethod.WassersteinNormed };
        ColumnDriftResult wasserstein = DriftDetector.Detect(Numeric(reference), Numeric(Enumerable.Repeat(3.5f, 10).ToArray()), normed)["x"];

        Assert.Equal(0, same["x"].Score);
        Assert.False(same["x"].Drifted);
        Assert.Equal(Math.Sqrt(Math.Log(2)), moved["x"].Score, 12); // disjoint supports
        Assert.True(moved["x"].Drifted);
        Assert.Equal(0.5 / 0.001, wasserstein.Score, 9); // the standard deviation's 0.001 floor
    }

    [Fact]
    public void Detect_MissingAndInfiniteCurrentValues_StrippedAndCounted()
    {
        float[] current = [.. s_current, float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.NaN];
        var options = new DriftOptions { NumericMethod = DriftMethod.Wasserstein };

        ColumnDriftResult x = DriftDetector.Detect(Numeric(s_reference), Numeric(current), options)["x"];

        Assert.Equal(1500, x.CurrentCount);
        Assert.Equal(4, x.CurrentMissingCount);
        Assert.Equal(WassersteinDistance.Compute(s_reference, s_current), x.Score);
        Assert.Equal(s_current.Average(v => (double)v), x.CurrentMean, 9);
    }

    [Fact]
    public void Detect_EdgeCases_UntestedWithNaNScoresAndExcludedFromShare()
    {
        DriftDataset reference = new DriftDataset()
            .AddNumeric("allMissingInCurrent", s_reference.AsMemory(0, 1200))
            .AddNumeric("allMissingInReference", Enumerable.Repeat(float.NaN, 1200).ToArray())
            .AddNumeric("absent", s_reference.AsMemory(0, 1200))
            .AddNumeric("drifting", s_reference.AsMemory(0, 1200));
        DriftDataset current = new DriftDataset()
            .AddNumeric("allMissingInCurrent", new float[] { float.NaN, float.NaN, float.PositiveInfinity })
            .AddNumeric("allMissingInReference", new float[] { 1, 2, 3 })
            .AddNumeric("drifting", new float[] { 100, 200, 300 })
            .AddCategorical("extra", ["x", "y", "z"]);

        DatasetDriftResult result = DriftDetector.Detect(reference, current);

        Assert.Equal(ColumnDriftStatus.NoCurrentValues, result["allMissingInCurrent"].Status);
        Assert.Equal(3, result["allMissingInCurrent"].CurrentMissingCount);
        Assert.Equal(ColumnDriftStatus.NoReferenceValues, result["allMissingInReference"].Status);
        Assert.Equal(ColumnDriftStatus.MissingFromCurrent, result["absent"].Status);
        foreach (string name in new[] { "allMissingInCurrent", "allMissingInReference", "absent" })
        {
            ColumnDriftResult column = result[name];
            Assert.True(double.IsNaN(column.Score) && double.IsNaN(column.Statistic) && double.IsNaN(column.PValue));
            Assert.False(column.Drifted);
            Assert.Null(column.Distribution);
        }

        Assert.Equal(4, result.Columns.Count); // extra current columns are ignored
        Assert.Equal(1, result.TestedColumnCount);
        Assert.Equal(1, result.DriftedColumnCount);
        Assert.Equal(1, result.DriftShare);
        Assert.True(result.DatasetDrifted);
    }

    [Fact]
    public void Detect_CurrentWithoutRows_NoCurrentRowsShareZero()
    {
        DriftDataset current = new DriftDataset().AddNumeric("x", ReadOnlyMemory<float>.Empty);

        DatasetDriftResult result = DriftDetector.Detect(Numeric(s_reference), current);

        Assert.Equal(ColumnDriftStatus.NoCurrentRows, result["x"].Status);
        Assert.True(double.IsNaN(result["x"].Score));
        Assert.Equal(0, result.TestedColumnCount);
        Assert.Equal(0, result.DriftShare);
        Assert.False(result.DatasetDrifted);
        Assert.Equal(0, result.CurrentRowCount);
    }

    [Fact]
    public void Detect_ColumnThresholdOverride_ChangesVerdict()
    {
        var options = new DriftOptions();
        options.Columns["x"] = new ColumnDriftOptions { Threshold = 0.5 };

        ColumnDriftResult x = DriftDetector.Detect(Numeric(s_reference), Numeric(s_current), options)["x"];

        Assert.Equal(0.5, x.Threshold);
        Assert.False(x.Drifted); // 0.29 < 0.5
    }

    [Fact]
    public void Detect_DriftShareThreshold_DecidesDatasetVerdict()
    {
        DriftDataset reference = new DriftDataset().AddNumeric("a", s_reference).AddNumeric("b", s_reference);
        DriftDataset current = new DriftDataset().AddNumeric("a", s_current.AsMemory(0, 1000)).AddNumeric("b", s_reference.AsMemory(0, 1000));

        DatasetDriftResult half = DriftDetector.Detect(reference, current, new DriftOptions { DriftShareThreshold = 0.5 });
        DatasetDriftResult strict = DriftDetector.Detect(reference, current, new DriftOptions { DriftShareThreshold = 0.75 });

        Assert.Equal(0.5, half.DriftShare);
        Assert.True(half.DatasetDrifted);
        Assert.False(strict.DatasetDrifted);
    }

    [Theory]
    [InlineData(nameof(DriftOptions.PValueThreshold), 0.0)]
    [InlineData(nameof(DriftOptions.PValueThreshold), 1.5)]
    [InlineData(nameof(DriftOptions.DistanceThreshold), 0.0)]
    [InlineData(nameof(DriftOptions.DriftShareThreshold), 0.0)]
    [InlineData(nameof(DriftOptions.DriftShareThreshold), 1.01)]
    [InlineData(nameof(DriftOptions.EmptyBinEpsilon), 0.1)]
    [InlineData(nameof(DriftOptions.EmptyBinEpsilon), 0.0)]
    public void Detect_OptionOutOfRange_ThrowsNamingOption(string option, double value)
    {
        var options = new DriftOptions();
        typeof(DriftOptions).GetProperty(option)!.SetValue(options, value);

        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => DriftDetector.Detect(Numeric(s_reference), Numeric(s_current), options));

        Assert.Equal(option, error.ParamName);
    }

    [Fact]
    public void Detect_ColumnThresholdOutOfRange_ThrowsNamingColumn()
    {
        var options = new DriftOptions();
        options.Columns["x"] = new ColumnDriftOptions { Method = DriftMethod.KolmogorovSmirnov, Threshold = 2 };

        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => DriftDetector.Detect(Numeric(s_reference), Numeric(s_current), options));

        Assert.Contains("[x]", error.ParamName, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_MethodDoesNotFitKind_ThrowsNamingColumnAndMethod()
    {
        var options = new DriftOptions();
        options.Columns["c"] = new ColumnDriftOptions { Method = DriftMethod.KolmogorovSmirnov };
        var totalVariation = new DriftOptions();
        totalVariation.Columns["x"] = new ColumnDriftOptions { Method = DriftMethod.TotalVariation };

        ArgumentException error = Assert.Throws<ArgumentException>(() => DriftDetector.Detect(Categorical(["a", "b"]), Categorical(["a", "b"]), options));
        ArgumentException numeric = Assert.Throws<ArgumentException>(() => DriftDetector.Detect(Numeric(s_reference), Numeric(s_current), totalVariation));

        Assert.Contains("'c'", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(DriftMethod.KolmogorovSmirnov), error.Message, StringComparison.Ordinal);
        Assert.Contains("'x'", numeric.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => DriftDetector.Detect(Numeric(s_reference), Numeric(s_current), new DriftOptions { NumericMethod = DriftMethod.ChiSquare }));
        Assert.Throws<ArgumentException>(() => DriftDetector.Detect(Categorical(["a"]), Categorical(["a"]), new DriftOptions { CategoricalMethod = DriftMethod.TTest }));
    }

    [Fact]
    public void Detect_CurrentKindDiffers_ThrowsNamingColumn()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() =>
            DriftDetector.Detect(Numeric(s_reference), new DriftDataset().AddCategorical("x", ["a"])));

        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_OneDegreeOfParallelism_SameResults()
    {
        var random = new Random(9);
        ReferenceProfile profile = ReferenceProfile.Create(ProfileTestData.Mixed(random, 5000, 0));
        DriftDataset current = ProfileTestData.Mixed(random, 3000, 0.2f);

        ProfileTestData.AssertSameResults(
            DriftDetector.Detect(profile, current),
            DriftDetector.Detect(profile, current, new DriftOptions { MaxDegreeOfParallelism = 1 }));
    }

    [Fact]
    public void Detect_CategoricalCodes_MatchLabelsInCurrent()
    {
        DriftDataset reference = new DriftDataset().AddCategoricalCodes("c", Enumerable.Range(0, 2000).Select(i => (float)(i % 3)).ToArray());
        DriftDataset current = new DriftDataset().AddCategorical("c", [.. Repeat("0", 10), .. Repeat("1", 10), .. Repeat("2", 10)]);

        ColumnDriftResult c = DriftDetector.Detect(reference, current)["c"];

        Assert.Empty(c.UnseenCategories);
        Assert.True(c.Score < 1e-3);
    }

    internal static DriftDataset Numeric(float[] values) => new DriftDataset().AddNumeric("x", values);

    internal static DriftDataset Categorical(string?[] values) => new DriftDataset().AddCategorical("c", values);

    private static IEnumerable<string> Repeat(string label, int count) => Enumerable.Repeat(label, count);

    // numpy.quantile(values, numpy.linspace(0, 1, bins + 1)).astype(numpy.float32), by sorting.
    private static float[] QuantileEdges(float[] values, int bins)
    {
        double[] sorted = values.Select(v => (double)v).Order().ToArray();
        float[] edges = new float[bins + 1];
        for (int i = 0; i <= bins; i++)
        {
            double h = (sorted.Length - 1) * (i / (double)bins);
            int lo = (int)Math.Floor(h);
            int hi = Math.Min(lo + 1, sorted.Length - 1);
            double t = h - lo;
            edges[i] = (float)(t < 0.5 ? sorted[lo] + ((sorted[hi] - sorted[lo]) * t) : sorted[hi] - ((sorted[hi] - sorted[lo]) * (1 - t)));
        }

        return edges;
    }

    // Shares per bin, a value in the last bin whose upper edge it equals, first and last bins open-ended.
    private static double[] BruteForceShares(float[] values, float[] edges)
    {
        int bins = edges.Length - 1;
        double[] shares = new double[bins];
        foreach (float v in values)
        {
            int bin = 0;
            while (bin < bins - 1 && v >= edges[bin + 1])
            {
                bin++;
            }

            shares[bin]++;
        }

        return shares.Select(s => s / values.Length).ToArray();
    }
}
