using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ml.Sdk.Core.Kernels;
using Ml.Sdk.Core.Tests.Kernels.Reference;

namespace Ml.Sdk.Core.Tests.Kernels;

public sealed class MinMaxScalerTests
{
    [Property(MaxTest = 300)]
    public Property FitAndTransform_RandomArrays_MatchScalarReference() =>
        Prop.ForAll(KernelArbitraries.Arrays(), (float[] values) =>
        {
            (double Min, double Max, double Scale) expected;
            try
            {
                expected = ScalarScaling.FitMinMax(values);
            }
            catch (ArgumentException)
            {
                Assert.Equal("values", Assert.ThrowsAny<ArgumentException>(() => MinMaxScaler.Fit(values)).ParamName);
                return;
            }

            MinMaxScaler scaler = MinMaxScaler.Fit(values);
            Assert.Equal(expected.Min, scaler.Min);
            Assert.Equal(expected.Max, scaler.Max);
            FloatAssert.Close(expected.Scale, scaler.Scale, 1e-15, 0);

            float[] want = new float[values.Length];
            float[] got = (float[])values.Clone();
            ScalarScaling.TransformMinMax(values, want, scaler.Min, scaler.Scale);
            scaler.Transform(got, got);
            FloatAssert.Close(want, got, 1e-6, 1e-12);

            ScalarScaling.InverseTransformMinMax(got, want, scaler.Min, scaler.Scale);
            scaler.InverseTransform(got, got);
            FloatAssert.Close(want, got, 1e-6, 1e-12);
        });

    [Fact]
    public void Fit_KnownData_MapsRangeOntoUnitInterval()
    {
        MinMaxScaler scaler = MinMaxScaler.Fit([4f, float.NaN, 2f, 6f]);
        Assert.Equal(2, scaler.Min);
        Assert.Equal(6, scaler.Max);
        Assert.Equal(0.25, scaler.Scale);

        float[] result = new float[5];
        scaler.Transform([2f, 4f, 6f, 8f, float.NaN], result);
        Assert.Equal([0f, 0.5f, 1f, 1.5f, float.NaN], result);

        scaler.InverseTransform(result, result);
        Assert.Equal([2f, 4f, 6f, 8f, float.NaN], result);
    }

    [Fact]
    public void Fit_ConstantData_SubtractsMinOnly()
    {
        MinMaxScaler scaler = MinMaxScaler.Fit([3f, 3f]);
        Assert.Equal(1, scaler.Scale);
        float[] result = new float[2];
        scaler.Transform([3f, 4.5f], result);
        Assert.Equal([0f, 1.5f], result);
    }

    [Fact]
    public void Fit_BadData_ThrowsNamingValues()
    {
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => MinMaxScaler.Fit([])).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => MinMaxScaler.Fit([float.NaN])).ParamName);
        ArgumentException infinite = Assert.Throws<ArgumentException>(() => MinMaxScaler.Fit([float.PositiveInfinity, 0f]));
        Assert.Equal("values", infinite.ParamName);
        Assert.Contains("infinity", infinite.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transform_WrongDestinationLength_ThrowsNamingDestination()
    {
        var scaler = new MinMaxScaler(0, 2);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => scaler.Transform(new float[3], new float[2])).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => scaler.InverseTransform(new float[3], new float[4])).ParamName);
    }

    [Theory]
    [InlineData(double.NaN, 1, "min")]
    [InlineData(0, double.PositiveInfinity, "max")]
    [InlineData(2, 1, "max")]
    public void Constructor_InvalidRange_ThrowsOutOfRange(double min, double max, string paramName)
    {
        Assert.Equal(paramName, Assert.Throws<ArgumentOutOfRangeException>(() => new MinMaxScaler(min, max)).ParamName);
    }
}
