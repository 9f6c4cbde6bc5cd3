using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ml.Sdk.Core.Kernels;
using Ml.Sdk.Core.Tests.Kernels.Reference;

namespace Ml.Sdk.Core.Tests.Kernels;

public sealed class MomentsTests
{
    [Property(MaxTest = 300)]
    public Property Compute_RandomArrays_MatchesTwoPassReference() =>
        Prop.ForAll(KernelArbitraries.Arrays(), (float[] values) => AssertMatchesReference(values, Moments.Compute(values)));

    [Property(MaxTest = 200)]
    public Property Merge_ArraySplitAnywhere_MatchesWholeArray() =>
        Prop.ForAll(
            KernelArbitraries.Arrays().Generator.SelectMany(a => Gen.Choose(0, a.Length).Select(split => (a, split))).ToArbitrary(),
            ((float[] Values, int Split) c) =>
            {
                Moments merged = Moments.Merge(Moments.Compute(c.Values.AsSpan(0, c.Split)), Moments.Compute(c.Values.AsSpan(c.Split)));
                AssertMatchesReference(c.Values, merged);
            });

    [Fact]
    public void Compute_SmallKnownSet_GivesTextbookValues()
    {
        Moments m = Moments.Compute([1f, 2f, float.NaN, 3f, 4f]);
        Assert.Equal(4, m.Count);
        Assert.Equal(1, m.NaNCount);
        Assert.Equal(2.5, m.Mean, 15);
        Assert.Equal(1.25, m.Variance, 15);
        Assert.Equal(5.0 / 3.0, m.SampleVariance, 15);
        Assert.Equal(Math.Sqrt(1.25), m.StandardDeviation, 15);
        Assert.Equal(1f, m.Min);
        Assert.Equal(4f, m.Max);
    }

    [Fact]
    public void Compute_LargeOffsetWithSmallNoise_KeepsFullPrecision()
    {
        // 1e6 + noise: a float sum of squares would lose the whole variance to cancellation.
        var random = new Random(1234);
        float[] values = new float[1_000_003];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = 1e6f + (float)(random.NextDouble() - 0.5);
        }

        var expected = ScalarMoments.Compute(values);
        Moments actual = Moments.Compute(values);
        FloatAssert.Close(expected.Mean, actual.Mean, 1e-12, 0);
        FloatAssert.Close(expected.Variance, actual.Variance, 1e-9, 0);
        Assert.InRange(actual.Variance, 0.07, 0.1);
    }

    [Fact]
    public void Compute_ValuesWhoseFloatSumOverflows_StaysExact()
    {
        float[] values = new float[5000];
        Array.Fill(values, 3e38f);
        values[4999] = 1e38f;
        var expected = ScalarMoments.Compute(values);
        Moments actual = Moments.Compute(values);
        FloatAssert.Close(expected.Mean, actual.Mean, 1e-12, 0);
        FloatAssert.Close(expected.Variance, actual.Variance, 1e-9, 0);
        Assert.Equal(1e38f, actual.Min);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5000)]
    public void Compute_NoNumbers_CountsNaNAndReportsNaN(int length)
    {
        float[] values = new float[length];
        Array.Fill(values, float.NaN);
        Moments m = Moments.Compute(values);
        Assert.Equal(0, m.Count);
        Assert.Equal(length, m.NaNCount);
        Assert.True(double.IsNaN(m.Mean) && double.IsNaN(m.Variance) && double.IsNaN(m.SampleVariance) && double.IsNaN(m.StandardDeviation));
        Assert.True(float.IsNaN(m.Min) && float.IsNaN(m.Max));
    }

    [Fact]
    public void Default_IsEmptyAndMergesAsIdentity()
    {
        Moments some = Moments.Compute([1f, 3f]);
        Assert.True(double.IsNaN(default(Moments).Mean));
        Assert.Equal(some, Moments.Merge(default, some));
        Assert.Equal(some, Moments.Merge(some, default));
    }

    [Fact]
    public void Compute_Infinities_BehaveArithmetically()
    {
        Moments positive = Moments.Compute([1f, float.PositiveInfinity, 2f]);
        Assert.Equal(double.PositiveInfinity, positive.Mean);
        Assert.True(double.IsNaN(positive.Variance));
        Assert.Equal(float.PositiveInfinity, positive.Max);

        Moments negative = Moments.Compute([float.NegativeInfinity]);
        Assert.Equal(double.NegativeInfinity, negative.Mean);
        Assert.Equal(float.NegativeInfinity, negative.Min);

        Moments both = Moments.Merge(positive, negative);
        Assert.True(double.IsNaN(both.Mean));
        Assert.Equal(4, both.Count);
    }

    private static void AssertMatchesReference(float[] values, Moments actual)
    {
        var expected = ScalarMoments.Compute(values);
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.NaNCount, actual.NaNCount);
        Assert.Equal(expected.Min, actual.Min);
        Assert.Equal(expected.Max, actual.Max);

        double scale = 0;
        foreach (float x in values)
        {
            if (float.IsFinite(x))
            {
                scale = Math.Max(scale, Math.Abs(x));
            }
        }

        FloatAssert.Close(expected.Mean, actual.Mean, 1e-9, 1e-12 * scale);
        FloatAssert.Close(expected.Variance, actual.Variance, 1e-9, 1e-12 * scale * scale);
        FloatAssert.Close(expected.SampleVariance, actual.SampleVariance, 1e-9, 1e-12 * scale * scale);
    }

    [Fact]
    public void FromParts_PartsOfComputedMoments_RebuildsAnEqualValue()
    {
        float[] values = [3.5f, -1.25f, float.NaN, 8f, 0.1f, 2f];
        Moments computed = Moments.Compute(values);

        Moments rebuilt = Moments.FromParts(computed.Count, computed.Mean, computed.SumOfSquaredDeviations, computed.Min, computed.Max, computed.NaNCount);

        Assert.Equal(computed, rebuilt);
        Assert.Equal(computed.SampleVariance, rebuilt.SampleVariance);
        Moments empty = Moments.FromParts(0, double.NaN, double.NaN, float.NaN, float.NaN, nanCount: 2);
        Assert.Equal(0, empty.Count);
        Assert.Equal(2, empty.NaNCount);
        Assert.True(double.IsNaN(empty.Mean) && double.IsNaN(empty.Variance));
    }

    [Theory]
    [InlineData(-1, 0.0, 1f, 2f, 0, "count")]
    [InlineData(2, -0.5, 1f, 2f, 0, "sumOfSquaredDeviations")]
    [InlineData(2, 0.5, 3f, 2f, 0, "min")]
    [InlineData(2, 0.5, float.NaN, 2f, 0, "min")]
    [InlineData(2, 0.5, 1f, 2f, -3, "nanCount")]
    public void FromParts_ImpossibleParts_ThrowsNamingThePart(long count, double m2, float min, float max, long nanCount, string parameter)
    {
        ArgumentOutOfRangeException ex = Assert.Throws<ArgumentOutOfRangeException>(() => Moments.FromParts(count, 1.0, m2, min, max, nanCount));

        Assert.Equal(parameter, ex.ParamName);
    }
}
