using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ml.Sdk.Core.Kernels;
using Ml.Sdk.Core.Tests.Kernels.Reference;

namespace Ml.Sdk.Core.Tests.Kernels;

public class BinEdgesTests
{
    [Fact]
    public void EquiDepth_ZeroToTenFiveBins_HandChecked()
    {
        // 0..10 has n = 11, so h = 10 i / 5 = 2 i exactly: the edges are 0, 2, 4, 6, 8, 10.
        float[] values = Enumerable.Range(0, 11).Select(i => (float)(10 - i)).ToArray();
        float[] edges = new float[6];

        BinEdges.EquiDepth(values, 5, edges);

        Assert.Equal([0f, 2f, 4f, 6f, 8f, 10f], edges);
    }

    [Fact]
    public void EquiDepth_Interpolated_HandChecked()
    {
        // [1, 2, 3, 4] in 3 bins: h = 0, 1, 2, 3 -> 1, 2, 3, 4; in 2 bins: h = 0, 1.5, 3 -> 1, 2.5, 4.
        float[] three = new float[4];
        float[] two = new float[3];

        BinEdges.EquiDepth([4, float.NaN, 2, 1, 3], 3, three);
        BinEdges.EquiDepth([4, 2, 1, 3], 2, two);

        Assert.Equal([1f, 2f, 3f, 4f], three);
        Assert.Equal([1f, 2.5f, 4f], two);
    }

    [Fact]
    public void EquiDepth_ManyTies_KeepsRepeatedEdges()
    {
        float[] edges = new float[5];

        BinEdges.EquiDepth([0, 0, 0, 0, 0, 0, 0, 1], 4, edges);

        Assert.Equal([0f, 0f, 0f, 0f, 1f], edges);
    }

    [Property(MaxTest = 200)]
    public Property EquiDepth_RandomInput_MatchesReference() =>
        Prop.ForAll(KernelGenerators.EquiDepthCases.ToArbitrary(), input =>
        {
            float[] expected = new float[input.BinCount + 1];
            float[] actual = new float[input.BinCount + 1];
            float[] viaScratch = new float[input.BinCount + 1];

            ScalarQuantiles.EquiDepth(input.Values, input.BinCount, expected);
            BinEdges.EquiDepth(input.Values, input.BinCount, actual);
            BinEdges.EquiDepth(input.Values, input.BinCount, viaScratch, new float[input.Values.Length]);

            return expected.Zip(actual, SameValue).All(same => same)
                && expected.Zip(viaScratch, SameValue).All(same => same);
        });

    [Fact]
    public void EquiDepth_ZeroBins_ThrowsNamingBinCount()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => BinEdges.EquiDepth([1], 0, new float[1]));

        Assert.Equal("binCount", error.ParamName);
    }

    [Fact]
    public void EquiDepth_EdgesWrongLength_ThrowsNamingEdges()
    {
        var error = Assert.Throws<ArgumentException>(() => BinEdges.EquiDepth([1, 2], 4, new float[4]));

        Assert.Equal("edges", error.ParamName);
    }

    [Fact]
    public void EquiDepth_EmptyValues_ThrowsNamingValues()
    {
        var error = Assert.Throws<ArgumentException>(() => BinEdges.EquiDepth([], 2, new float[3]));

        Assert.Equal("values", error.ParamName);
    }

    [Fact]
    public void EquiDepth_AllNaN_ThrowsNamingValues()
    {
        var error = Assert.Throws<ArgumentException>(
            () => BinEdges.EquiDepth([float.NaN, float.NaN], 2, new float[3]));

        Assert.Equal("values", error.ParamName);
        Assert.Contains("NaN", error.Message);
    }

    [Fact]
    public void EquiDepth_ScratchTooSmall_ThrowsNamingScratch()
    {
        var error = Assert.Throws<ArgumentException>(
            () => BinEdges.EquiDepth([1, 2, 3], 2, new float[3], new float[2]));

        Assert.Equal("scratch", error.ParamName);
    }

    [Fact]
    public void EquiDepth_AfterWarmUp_AllocatesNothing()
    {
        float[] values = HistogramTests.LargeValues(65_536);
        float[] edges = new float[11];
        float[] scratch = new float[values.Length];
        BinEdges.EquiDepth(values, 10, edges);
        BinEdges.EquiDepth(values, 10, edges, scratch);

        long before = GC.GetAllocatedBytesForCurrentThread();
        BinEdges.EquiDepth(values, 10, edges);
        BinEdges.EquiDepth(values, 10, edges, scratch);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(edges[0] < edges[5] && edges[5] < edges[10]);
    }

    private static bool SameValue(float expected, float actual) =>
        expected == actual || (float.IsNaN(expected) && float.IsNaN(actual));
}
