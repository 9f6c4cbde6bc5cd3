using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ml.Sdk.Core.Kernels;
using Ml.Sdk.Core.Kernels.Internal;
using Ml.Sdk.Core.Tests.Kernels.Reference;

namespace Ml.Sdk.Core.Tests.Kernels;

public class HistogramTests
{
    [Fact]
    public void Count_NumpyExample_MatchesNumpy()
    {
        // numpy.histogram([1, 2, 2, 3, 3, 3], bins=[1, 2, 3]) -> [1, 5]: the last bin is closed.
        long[] counts = new long[2];

        HistogramTally tally = Histogram.Count([1, 2, 2, 3, 3, 3], [1, 2, 3], counts);

        Assert.Equal([1L, 5L], counts);
        Assert.Equal(new HistogramTally(0, 0, 0, 6), tally);
    }

    [Fact]
    public void Count_RepeatedEdge_ValueOnEdgeLandsInLaterBinAndZeroWidthBinIsEmpty()
    {
        // numpy.histogram([0, 1, 1, 1.5, 2], bins=[0, 1, 1, 2]) -> [1, 0, 4]
        long[] counts = new long[3];

        Histogram.Count([0, 1, 1, 1.5f, 2], [0, 1, 1, 2], counts);

        Assert.Equal([1L, 0L, 4L], counts);
    }

    [Fact]
    public void Count_OutOfRangeAndSpecialValues_AreTalliedNotBinned()
    {
        long[] counts = new long[2];
        float[] values = [float.NaN, float.NegativeInfinity, -1, 0, 0.5f, 1, 2, 2.5f, float.PositiveInfinity, float.NaN];

        HistogramTally tally = Histogram.Count(values, [0, 1, 2], counts);

        Assert.Equal([2L, 2L], counts);
        Assert.Equal(new HistogramTally(below: 2, above: 2, nan: 2, inRange: 4), tally);
    }

    [Fact]
    public void Count_CountsHoldOldValues_AreOverwritten()
    {
        long[] counts = [100, 200];

        Histogram.Count(new float[40], [-1, 0, 1], counts);

        Assert.Equal([0L, 40L], counts);
    }

    [Fact]
    public void Count_EmptyValues_AllZero()
    {
        long[] counts = [7, 7, 7];

        HistogramTally tally = Histogram.Count([], [0, 1, 2, 3], counts);

        Assert.Equal([0L, 0L, 0L], counts);
        Assert.Equal(default, tally);
    }

    [Fact]
    public void Count_ManyBinsOnLongInput_MatchesReference()
    {
        var random = new Random(12345);
        float[] values = new float[100_003];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(random.NextDouble() * 120 - 10);
        }

        float[] edges = Enumerable.Range(0, 101).Select(i => (float)i).ToArray();
        long[] expected = new long[100];
        long[] actual = new long[100];

        HistogramTally expectedTally = ScalarHistogram.Count(values, edges, expected);
        HistogramTally actualTally = Histogram.Count(values, edges, actual);

        Assert.Equal(expected, actual);
        Assert.Equal(expectedTally, actualTally);
    }

    [Property(MaxTest = 300)]
    public Property Count_RandomInput_MatchesReference() =>
        Prop.ForAll(KernelGenerators.HistogramCases.ToArbitrary(), input =>
        {
            long[] expected = new long[input.Edges.Length - 1];
            HistogramTally expectedTally = ScalarHistogram.Count(input.Values, input.Edges, expected);

            long[] viaPublic = new long[expected.Length];
            long[] viaCompare = new long[expected.Length];
            long[] viaSearch = new long[expected.Length];
            HistogramTally publicTally = Histogram.Count(input.Values, input.Edges, viaPublic);

            // Both internal strategies, whatever the edge count, so neither escapes testing.
            HistogramTally compareTally = CumulativeCompareCounter.Count(input.Values, input.Edges, viaCompare);
            HistogramTally searchTally = BinarySearchCounter.Count(input.Values, input.Edges, viaSearch);

            return expected.SequenceEqual(viaPublic) && expectedTally == publicTally
                && expected.SequenceEqual(viaCompare) && expectedTally == compareTally
                && expected.SequenceEqual(viaSearch) && expectedTally == searchTally
                && expectedTally.InRange == expected.Sum()
                && expectedTally.Below + expectedTally.Above + expectedTally.NaN + expectedTally.InRange == input.Values.Length;
        });

    [Fact]
    public void Count_TooFewEdges_ThrowsNamingBinEdges()
    {
        var error = Assert.Throws<ArgumentException>(() => Histogram.Count([1], [1], Array.Empty<long>()));

        Assert.Equal("binEdges", error.ParamName);
    }

    [Fact]
    public void Count_NaNEdge_ThrowsNamingIndex()
    {
        var error = Assert.Throws<ArgumentException>(() => Histogram.Count([1], [0, 1, float.NaN, 3], new long[3]));

        Assert.Equal("binEdges", error.ParamName);
        Assert.Contains("binEdges[2]", error.Message);
    }

    [Fact]
    public void Count_DecreasingEdges_ThrowsNamingFirstOffendingIndex()
    {
        var error = Assert.Throws<ArgumentException>(() => Histogram.Count([1], [0, 1, 1, 0.5f, 0], new long[4]));

        Assert.Equal("binEdges", error.ParamName);
        Assert.Contains("binEdges[3]", error.Message);
    }

    [Fact]
    public void Count_CountsLengthMismatch_ThrowsNamingCounts()
    {
        var error = Assert.Throws<ArgumentException>(() => Histogram.Count([1], [0, 1, 2], new long[3]));

        Assert.Equal("counts", error.ParamName);
    }

    [Fact]
    public void Count_AfterWarmUp_AllocatesNothing()
    {
        float[] values = LargeValues(65_536);
        long[] counts = new long[10];
        float[] fewEdges = Enumerable.Range(0, 11).Select(i => i / 10f).ToArray();
        float[] manyEdges = Enumerable.Range(0, 101).Select(i => i / 100f).ToArray();
        long[] manyCounts = new long[100];
        Histogram.Count(values, fewEdges, counts);
        Histogram.Count(values, manyEdges, manyCounts);

        long before = GC.GetAllocatedBytesForCurrentThread();
        Histogram.Count(values, fewEdges, counts);
        Histogram.Count(values, manyEdges, manyCounts);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(values.Length, counts.Sum());
    }

    internal static float[] LargeValues(int length)
    {
        var random = new Random(42);
        float[] values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = random.NextSingle();
        }

        return values;
    }
}
