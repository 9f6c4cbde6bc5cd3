using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ml.Sdk.Core.Kernels;
using Ml.Sdk.Core.Tests.Kernels.Reference;

namespace Ml.Sdk.Core.Tests.Kernels;

public sealed class StandardScalerTests
{
    [Property(MaxTest = 300)]
    public Property FitAndTransform_RandomArrays_MatchScalarReference() =>
        Prop.ForAll(KernelArbitraries.Arrays(), (float[] values) =>
        {
            (double Mean, double StandardDeviation, double Scale) expected;
            try
            {
                expected = ScalarScaling.FitStandard(values);
            }
            catch (ArgumentException)
            {
                Assert.Equal("values", Assert.ThrowsAny<ArgumentException>(() => StandardScaler.Fit(values)).ParamName);
                return;
            }

            StandardScaler scaler = StandardScaler.Fit(values);
            FloatAssert.Close(expected.Mean, scaler.Mean, 1e-9, 1e-9);
            FloatAssert.Close(expected.StandardDeviation, scaler.StandardDeviation, 1e-9, 1e-9);

            float[] want = new float[values.Length];
            float[] got = (float[])values.Clone();
            ScalarScaling.TransformStandard(values, want, scaler.Mean, scaler.Scale);
            scaler.Transform(got, got);
            FloatAssert.Close(want, got, 1e-6, 1e-12);

            ScalarScaling.InverseTransformStandard(got, want, scaler.Mean, scaler.Scale);
            scaler.InverseTransform(got, got);
            FloatAssert.Close(want, got, 1e-6, 1e-12);
        });

    [Fact]
    public void Fit_KnownData_MatchesSklearn()
    {
        StandardScaler scaler = StandardScaler.Fit([1f, 2f, float.NaN, 3f, 4f]);
        Assert.Equal(2.5, scaler.Mean, 15);
        Assert.Equal(Math.Sqrt(1.25), scaler.StandardDeviation, 15);
        Assert.Equal(scaler.StandardDeviation, scaler.Scale);

        float[] result = new float[5];
        scaler.Transform([1f, 2f, float.NaN, 3f, 4f], result);
        FloatAssert.Close([-1.3416408f, -0.4472136f, float.NaN, 0.4472136f, 1.3416408f], result, 1e-6, 0);

        scaler.InverseTransform(result, result);
        FloatAssert.Close([1f, 2f, float.NaN, 3f, 4f], result, 1e-6, 0);
    }

    [Fact]
    public void Fit_ConstantData_UsesScaleOne()
    {
        StandardScaler scaler = StandardScaler.Fit([5f, 5f, 5f]);
        Assert.Equal(0, scaler.StandardDeviation);
        Assert.Equal(1, scaler.Scale);
        float[] result = new float[2];
        scaler.Transform([5f, 7f], result);
        Assert.Equal([0f, 2f], result);
    }

    [Fact]
    public void Fit_BadData_ThrowsNamingValues()
    {
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => StandardScaler.Fit([])).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => StandardScaler.Fit([float.NaN, float.NaN])).ParamName);
        ArgumentException infinite = Assert.Throws<ArgumentException>(() => StandardScaler.Fit([1f, float.NegativeInfinity]));
        Assert.Equal("values", infinite.ParamName);
        Assert.Contains("infinity", infinite.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transform_WrongDestinationLength_ThrowsNamingDestination()
    {
        var scaler = new StandardScaler(1, 2);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => scaler.Transform(new float[3], new float[2])).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => scaler.InverseTransform(new float[3], new float[4])).ParamName);
    }

    [Theory]
    [InlineData(double.NaN, 1, "mean")]
    [InlineData(double.PositiveInfinity, 1, "mean")]
    [InlineData(0, -1, "standardDeviation")]
    [InlineData(0, double.NaN, "standardDeviation")]
    public void Constructor_InvalidParameters_ThrowsOutOfRange(double mean, double standardDeviation, string paramName)
    {
        Assert.Equal(paramName, Assert.Throws<ArgumentOutOfRangeException>(() => new StandardScaler(mean, standardDeviation)).ParamName);
    }
}
