using Ml.Sdk.Monitoring.Drift;
using Ml.Sdk.Monitoring.Profiles;
using Ml.Sdk.Monitoring.Profiles.Internal;

namespace Ml.Sdk.Monitoring.Tests.Profiles;

public class ReferenceProfileTests
{
    private static readonly float[] s_digits = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4];

    [Fact]
    public void Create_NumericColumn_SummariesMatchNumpy()
    {
        float[] values = [.. s_digits, float.NaN, float.PositiveInfinity, float.NegativeInfinity];
        var dataset = new DriftDataset().AddNumeric("x", values);

        ReferenceProfile profile = ReferenceProfile.Create(dataset, new ReferenceProfileOptions { QuantileBinCount = 4 });

        NumericColumnProfile x = profile.Columns[0].Numeric!;
        Assert.Equal(23, profile.RowCount);
        Assert.Equal(ColumnKind.Numeric, profile.GetColumnKind("x"));
        Assert.Equal(20, x.Count);
        Assert.Equal(3, x.MissingCount); // NaN and both infinities are missing, as in Evidently
        Assert.Equal(4.85, x.Mean, 12); // v.mean()
        Assert.Equal(6.9275, x.Variance, 10); // v.var()
        Assert.Equal(7.292105263157895, x.SampleVariance, 10); // v.var(ddof=1)
        Assert.Equal(1f, x.Min);
        Assert.Equal(9f, x.Max);
        Assert.Equal(9, x.DistinctCount); // len(numpy.unique(v))
        Assert.True(x.DistinctCountIsExact);
        Assert.Empty(x.LowCardinalityValues);
        Assert.Equal([1f, 3f, 4.5f, 7.25f, 9f], x.BinEdges); // numpy.quantile(v, numpy.linspace(0, 1, 5)).astype(numpy.float32)
        Assert.Equal([4L, 6L, 5L, 5L], x.BinCounts); // numpy.histogram(v, bins=edges)[0]
        Assert.Equal(s_digits.Order().ToArray(), x.SortedSample);
        Assert.False(x.IsSampled);
    }

    [Fact]
    public void Create_FewDistinctValues_KeepsValuesAndCounts()
    {
        var dataset = new DriftDataset().AddNumeric("x", new float[] { 2, -0f, 0, 2, 7, 2, float.NaN });

        NumericColumnProfile x = ReferenceProfile.Create(dataset).Columns[0].Numeric!;

        Assert.Equal(3, x.DistinctCount); // -0 and 0 are one value
        Assert.Equal([0f, 2f, 7f], x.LowCardinalityValues);
        Assert.Equal([2L, 3L, 1L], x.LowCardinalityCounts);
    }

    [Fact]
    public void Create_ManyDistinctValues_CountIsCapped()
    {
        float[] values = Enumerable.Range(0, 5000).Select(i => (float)i).ToArray();

        NumericColumnProfile x = ReferenceProfile.Create(new DriftDataset().AddNumeric("x", values)).Columns[0].Numeric!;

        Assert.False(x.DistinctCountIsExact);
        Assert.True(x.DistinctCount > NumericColumnProfile.DistinctCountCap);
        Assert.False(x.IsLowCardinality);
    }

    [Fact]
    public void Create_MoreValuesThanSampleLimit_KeepsSeededSortedSample()
    {
        float[] values = Enumerable.Range(0, 10_000).Select(i => (float)i).ToArray();
        var dataset = new DriftDataset().AddNumeric("x", values);
        var options = new ReferenceProfileOptions { SortedSampleLimit = 500, Seed = 42 };

        float[] first = ReferenceProfile.Create(dataset, options).Columns[0].Numeric!.SortedSample;
        float[] again = ReferenceProfile.Create(dataset, options).Columns[0].Numeric!.SortedSample;
        float[] other = ReferenceProfile.Create(dataset, new ReferenceProfileOptions { SortedSampleLimit = 500, Seed = 43 }).Columns[0].Numeric!.SortedSample;

        Assert.Equal(500, first.Length);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(first.Order().ToArray(), first);
        Assert.Equal(500, first.Distinct().Count()); // drawn without replacement
        Assert.InRange(first.Average(), 4000, 6000); // uniform over 0..9999: mean 4999.5, standard error about 130
    }

    [Fact]
    public void Create_CategoricalLabelsAndCodes_CountsPerLabel()
    {
        var dataset = new DriftDataset()
            .AddCategorical("c", ["b", "a", null, "b", "b"])
            .AddCategoricalCodes("k", new float[] { 1, -0f, 0, 0.5f, float.NaN });

        ReferenceProfile profile = ReferenceProfile.Create(dataset);

        CategoricalColumnProfile c = profile.Columns[0].Categorical!;
        CategoricalColumnProfile k = profile.Columns[1].Categorical!;
        Assert.Equal(["a", "b"], c.Labels);
        Assert.Equal([1L, 3L], c.Counts);
        Assert.Equal(1, c.MissingCount);
        Assert.Equal(["0", "0.5", "1"], k.Labels);
        Assert.Equal([2L, 1L, 1L], k.Counts);
        Assert.Equal(ColumnKind.Categorical, profile.GetColumnKind("k"));
        Assert.Throws<KeyNotFoundException>(() => profile.GetColumnKind("nope"));
    }

    [Fact]
    public void Create_AllMissingColumn_HasNoValues()
    {
        NumericColumnProfile x = ReferenceProfile.Create(new DriftDataset().AddNumeric("x", new float[] { float.NaN, float.NaN })).Columns[0].Numeric!;

        Assert.Equal(0, x.Count);
        Assert.Equal(2, x.MissingCount);
        Assert.Empty(x.BinEdges);
    }

    [Fact]
    public void Create_EmptyDatasetOrBadOptions_Throws()
    {
        Assert.Throws<ArgumentException>(() => ReferenceProfile.Create(new DriftDataset()));
        Assert.Throws<ArgumentException>(() => ReferenceProfile.Create(new DriftDataset().AddNumeric("x", ReadOnlyMemory<float>.Empty)));
        var dataset = new DriftDataset().AddNumeric("x", new float[] { 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => ReferenceProfile.Create(dataset, new ReferenceProfileOptions { QuantileBinCount = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReferenceProfile.Create(dataset, new ReferenceProfileOptions { SortedSampleLimit = 0 }));
    }

    [Fact]
    public async Task ReadFromAsync_WrittenProfile_DetectorGivesIdenticalResults()
    {
        var random = new Random(5);
        DriftDataset reference = ProfileTestData.Mixed(random, 3000, shift: 0);
        DriftDataset current = ProfileTestData.Mixed(random, 2000, shift: 0.3f);
        ReferenceProfile profile = ReferenceProfile.Create(reference, new ReferenceProfileOptions { SortedSampleLimit = 1000 });
        using var stream = new MemoryStream();
        await profile.WriteToAsync(stream);
        stream.Position = 0;

        ReferenceProfile readBack = await ReferenceProfile.ReadFromAsync(stream);

        Assert.Equal(profile.RowCount, readBack.RowCount);
        Assert.Equal(profile.ColumnNames, readBack.ColumnNames);
        foreach (DriftMethod? method in new DriftMethod?[] { null, DriftMethod.KolmogorovSmirnov, DriftMethod.TTest, DriftMethod.MannWhitneyU, DriftMethod.Wasserstein, DriftMethod.PopulationStabilityIndex, DriftMethod.KullbackLeibler, DriftMethod.Hellinger })
        {
            var options = new DriftOptions { NumericMethod = method };
            ProfileTestData.AssertSameResults(DriftDetector.Detect(profile, current, options), DriftDetector.Detect(readBack, current, options));
        }

        Assert.Equal(profile.Columns[0].Numeric!.ToMoments(), readBack.Columns[0].Numeric!.ToMoments());
    }

    [Fact]
    public async Task ReadFromAsync_WrongMagic_ThrowsInvalidData()
    {
        byte[] bytes = await WriteAsync();
        bytes[0] ^= 0xFF;

        await Assert.ThrowsAsync<InvalidDataException>(() => ReferenceProfile.ReadFromAsync(new MemoryStream(bytes)));
    }

    [Fact]
    public async Task ReadFromAsync_UnknownVersion_ThrowsInvalidData()
    {
        byte[] bytes = await WriteAsync();
        bytes[8] = 99;

        InvalidDataException error = await Assert.ThrowsAsync<InvalidDataException>(() => ReferenceProfile.ReadFromAsync(new MemoryStream(bytes)));
        Assert.Contains("version 99", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(20)]
    [InlineData(100)]
    [InlineData(1)] // counted from the end: the checksum is incomplete
    public async Task ReadFromAsync_Truncated_ThrowsInvalidData(int keep)
    {
        byte[] bytes = await WriteAsync();
        byte[] cut = keep == 1 ? bytes[..^1] : bytes[..keep];

        await Assert.ThrowsAsync<InvalidDataException>(() => ReferenceProfile.ReadFromAsync(new MemoryStream(cut)));
    }

    [Fact]
    public async Task ReadFromAsync_BodyByteFlipped_ThrowsChecksumMismatch()
    {
        byte[] bytes = await WriteAsync();
        bytes[40] ^= 0x01;

        InvalidDataException error = await Assert.ThrowsAsync<InvalidDataException>(() => ReferenceProfile.ReadFromAsync(new MemoryStream(bytes)));
        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
    }

    private static async Task<byte[]> WriteAsync()
    {
        ReferenceProfile profile = ReferenceProfile.Create(ProfileTestData.Mixed(new Random(1), 200, 0));
        using var stream = new MemoryStream();
        await profile.WriteToAsync(stream);
        return stream.ToArray();
    }
}
