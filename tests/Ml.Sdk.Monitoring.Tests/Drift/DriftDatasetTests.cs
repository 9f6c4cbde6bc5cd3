using Ml.Sdk.Monitoring.Drift;
using Ml.Sdk.Monitoring.Drift.Internal;

namespace Ml.Sdk.Monitoring.Tests.Drift;

public class DriftDatasetTests
{
    [Fact]
    public void RowCount_NoColumns_IsZero()
    {
        Assert.Equal(0, new DriftDataset().RowCount);
    }

    [Fact]
    public void Add_ThreeKinds_KeepsInsertionOrderAndRowCount()
    {
        var dataset = new DriftDataset()
            .AddNumeric("z", new float[] { 1, 2, 3 })
            .AddCategorical("a", ["x", null, "y"])
            .AddCategoricalCodes("m", new float[] { 0, 1, float.NaN });

        Assert.Equal(3, dataset.RowCount);
        Assert.Equal(["z", "a", "m"], dataset.ColumnNames);
        Assert.Equal(ColumnKind.Numeric, dataset.GetColumn(0).Kind);
        Assert.Equal(ColumnKind.Categorical, dataset.GetColumn(1).Kind);
        Assert.Equal(DriftColumnSource.Codes, dataset.GetColumn(2).Source);
        Assert.True(dataset.TryGetColumn("a", out DriftColumn column));
        Assert.Equal("y", column.Labels![2]);
        Assert.False(dataset.TryGetColumn("A", out _));
    }

    [Fact]
    public void AddNumeric_LengthDiffers_ThrowsNamingColumn()
    {
        var dataset = new DriftDataset().AddNumeric("a", new float[3]);

        ArgumentException error = Assert.Throws<ArgumentException>(() => dataset.AddNumeric("b", new float[4]));

        Assert.Contains("'b'", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, dataset.ColumnCount);
    }

    [Fact]
    public void AddCategorical_DuplicateName_ThrowsNamingColumn()
    {
        var dataset = new DriftDataset().AddNumeric("a", new float[3]);

        ArgumentException error = Assert.Throws<ArgumentException>(() => dataset.AddCategorical("a", ["x", "y", "z"]));

        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void AddCategoricalCodes_BlankName_Throws(string name)
    {
        Assert.Throws<ArgumentException>(() => new DriftDataset().AddCategoricalCodes(name, new float[1]));
    }

    [Fact]
    public void AddCategorical_NullValues_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new DriftDataset().AddCategorical("a", null!));
    }
}
