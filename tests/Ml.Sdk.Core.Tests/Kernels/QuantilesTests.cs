using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ml.Sdk.Core.Kernels;
using Ml.Sdk.Core.Tests.Kernels.Reference;

namespace Ml.Sdk.Core.Tests.Kernels;

public class QuantilesTests
{
    [Fact]
    public void Compute_NumpyFourValues_Interpolates()
    {
        // np.quantile([1, 2, 3, 4], 0.4) == 2.2
        Assert.Equal(2.2, Quantiles.Compute([4, 1, 3, 2], 0.4), 12);
    }

    [Fact]
    public void Compute_NumpyFiveValues_MatchesNumpy()
    {
        // np.quantile([1, 2, 3, 4, 5], [0, 0.25, 0.5, 1]) == [1, 2, 3, 5]; asked out of order on purpose.
        double[] destination = new double[4];

        Quantiles.Compute([5, 3, 1, 4, 2], [1, 0.5, 0, 0.25], destination);

        Assert.Equal([5.0, 3.0, 1.0, 2.0], destination);
    }

    [Fact]
    public void Compute_NaNValues_AreIgnored()
    {
        // np.nanquantile([nan, 1, nan, 3], 0.5) == 2
        Assert.Equal(2.0, Quantiles.Compute([float.NaN, 1, float.NaN, 3], 0.5));
    }

    [Fact]
    public void Compute_AllNaN_EveryResultNaN()
    {
        double[] destination = new double[2];

        Quantiles.Compute([float.NaN, float.NaN], [0, 1], destination);

        Assert.All(destination, value => Assert.True(double.IsNaN(value)));
    }

    [Fact]
    public void Compute_WithScratch_LeavesValuesUnchanged()
    {
        float[] values = [3, 1, 2, float.NaN, 5];
        float[] copy = (float[])values.Clone();
        double[] destination = new double[1];

        Quantiles.Compute(values, [0.5], destination, new float[5]);

        Assert.Equal(copy, values);
        Assert.Equal(2.5, destination[0]);
    }

    [Theory]
    [InlineData("sorted")]
    [InlineData("reversed")]
    [InlineData("equal")]
    [InlineData("organ")]
    [InlineData("twovalues")]
    public void Compute_StructuredLargeInput_MatchesReference(string shape)
    {
        const int n = 200_001;
        float[] values = new float[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = shape switch
            {
                "sorted" => i,
                "reversed" => n - i,
                "equal" => 7,
                "organ" => Math.Min(i, n - i),
                _ => i % 2,
            };
        }

        double[] probabilities = [0, 0.01, 0.25, 0.5, 0.75, 0.99, 1];
        double[] expected = new double[probabilities.Length];
        double[] actual = new double[probabilities.Length];

        ScalarQuantiles.Compute(values, probabilities, expected);
        Quantiles.Compute(values, probabilities, actual);

        Assert.Equal(expected, actual);
    }

    [Property(MaxTest = 300)]
    public Property Compute_RandomInput_MatchesReference() =>
        Prop.ForAll(KernelGenerators.QuantileCases.ToArbitrary(), input =>
        {
            double[] expected = new double[input.Probabilities.Length];
            double[] actual = new double[input.Probabilities.Length];
            double[] viaScratch = new double[input.Probabilities.Length];
            float[] before = (float[])input.Values.Clone();

            ScalarQuantiles.Compute(input.Values, input.Probabilities, expected);
            Quantiles.Compute(input.Values, input.Probabilities, actual);
            Quantiles.Compute(input.Values, input.Probabilities, viaScratch, new float[input.Values.Length + 3]);
            bool singleMatches = input.Probabilities.Length == 0
                || SameValue(expected[0], Quantiles.Compute(input.Values, input.Probabilities[0]));

            return expected.Zip(actual, SameValue).All(same => same)
                && expected.Zip(viaScratch, SameValue).All(same => same)
                && singleMatches
                && before.AsSpan().SequenceEqual(input.Values);
        });

    [Fact]
    public void Compute_EmptyValues_ThrowsNamingValues()
    {
        var error = Assert.Throws<ArgumentException>(() => Quantiles.Compute([], 0.5));

        Assert.Equal("values", error.ParamName);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0000001)]
    [InlineData(double.NaN)]
    public void Compute_ProbabilityOutOfRange_ThrowsNamingIndex(double bad)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => Quantiles.Compute([1, 2], [0.5, bad], new double[2]));
        var single = Assert.Throws<ArgumentOutOfRangeException>(() => Quantiles.Compute([1, 2], bad));

        Assert.Equal("probabilities", error.ParamName);
        Assert.Contains("probabilities[1]", error.Message);
        Assert.Equal("probability", single.ParamName);
    }

    [Fact]
    public void Compute_DestinationLengthMismatch_ThrowsNamingDestination()
    {
        var error = Assert.Throws<ArgumentException>(() => Quantiles.Compute([1, 2], [0.5], new double[2]));

        Assert.Equal("destination", error.ParamName);
    }

    [Fact]
    public void Compute_ScratchTooSmall_ThrowsNamingScratch()
    {
        var error = Assert.Throws<ArgumentException>(
            () => Quantiles.Compute([1, 2, 3], [0.5], new double[1], new float[2]));

        Assert.Equal("scratch", error.ParamName);
    }

    [Fact]
    public void Compute_AfterWarmUp_AllocatesNothing()
    {
        float[] values = HistogramTests.LargeValues(65_536);
        double[] probabilities = [0.01, 0.25, 0.5, 0.75, 0.99];
        double[] destination = new double[5];
        float[] scratch = new float[values.Length];
        Quantiles.Compute(values, probabilities, destination);
        Quantiles.Compute(values, probabilities, destination, scratch);
        Quantiles.Compute(values, 0.5);

        long before = GC.GetAllocatedBytesForCurrentThread();
        Quantiles.Compute(values, probabilities, destination);
        Quantiles.Compute(values, probabilities, destination, scratch);
        double median = Quantiles.Compute(values, 0.5);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(destination[2], median);
    }

    [Fact]
    public void Compute_FourMillionValuesWithCallerScratch_AllocatesNothing()
    {
        // The pooled overload allocates nothing once warm only while ArrayPool<float>.Shared keeps its 16 MB buffer,
        // which it may release after a gen-2 collection (other tests make those); the caller-scratch overload is
        // allocation-free unconditionally.
        float[] values = HistogramTests.LargeValues(4_194_304);
        float[] scratch = new float[values.Length];
        double[] destination = new double[1];

        // One span for both calls: a second inline [0.5] would be a new call site whose first run loads
        // compiler-generated data (72 bytes of runtime allocations that are not the kernel's).
        ReadOnlySpan<double> median = [0.5];
        Quantiles.Compute(values, median, destination, scratch);

        long before = GC.GetAllocatedBytesForCurrentThread();
        Quantiles.Compute(values, median, destination, scratch);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.InRange(destination[0], 0.49, 0.51);
    }

    private static bool SameValue(double expected, double actual) =>
        expected == actual || (double.IsNaN(expected) && double.IsNaN(actual));
}
