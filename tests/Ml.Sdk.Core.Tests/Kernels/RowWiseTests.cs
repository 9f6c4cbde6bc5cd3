using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ml.Sdk.Core.Kernels;
using Ml.Sdk.Core.Tests.Kernels.Reference;

namespace Ml.Sdk.Core.Tests.Kernels;

public sealed class RowWiseTests
{
    [Property(MaxTest = 300)]
    public Property Softmax_RandomRows_MatchesScalarReference() =>
        Prop.ForAll(KernelArbitraries.Rows(), ((float[] Input, int RowLength) c) =>
        {
            float[] expected = new float[c.Input.Length];
            float[] actual = new float[c.Input.Length];
            ScalarRowWise.Softmax(c.Input, expected, c.RowLength);
            RowWise.Softmax(c.Input, actual, c.RowLength);

            // Exponentials below the normal range differ in the last denormal bits between vector and scalar exp.
            FloatAssert.Close(expected, actual, relative: 1e-5, absolute: 1e-36);
        });

    [Property(MaxTest = 100)]
    public Property Softmax_InPlace_MatchesSeparateDestination() =>
        Prop.ForAll(KernelArbitraries.Rows(), ((float[] Input, int RowLength) c) =>
        {
            float[] separate = new float[c.Input.Length];
            RowWise.Softmax(c.Input, separate, c.RowLength);
            float[] inPlace = (float[])c.Input.Clone();
            RowWise.Softmax(inPlace, inPlace, c.RowLength);
            Assert.Equal(Bits(separate), Bits(inPlace));
        });

    [Property(MaxTest = 300)]
    public Property LogSoftmax_RandomRows_MatchesScalarReference() =>
        Prop.ForAll(KernelArbitraries.Rows(), ((float[] Input, int RowLength) c) =>
        {
            float[] expected = new float[c.Input.Length];
            float[] actual = (float[])c.Input.Clone();
            ScalarRowWise.LogSoftmax(c.Input, expected, c.RowLength);
            RowWise.LogSoftmax(actual, actual, c.RowLength);
            FloatAssert.Close(expected, actual, relative: 1e-5, absolute: 1e-5);
        });

    [Property(MaxTest = 300)]
    public Property ArgMax_RandomRows_MatchesScalarReferenceExactly() =>
        Prop.ForAll(KernelArbitraries.Rows(), ((float[] Input, int RowLength) c) =>
        {
            int rows = c.Input.Length / c.RowLength;
            int[] expected = new int[rows];
            int[] actual = new int[rows];
            ScalarRowWise.ArgMax(c.Input, c.RowLength, expected);
            RowWise.ArgMax(c.Input, c.RowLength, actual);
            Assert.Equal(expected, actual);
        });

    [Property(MaxTest = 300)]
    public Property TopK_RandomRows_MatchesScalarReferenceExactly() =>
        Prop.ForAll(KernelArbitraries.RowsWithK(), ((float[] Input, int RowLength, int K) c) =>
        {
            int size = c.Input.Length / c.RowLength * c.K;
            int[] expectedIndices = new int[size];
            float[] expectedValues = new float[size];
            int[] actualIndices = new int[size];
            float[] actualValues = new float[size];
            ScalarRowWise.TopK(c.Input, c.RowLength, c.K, expectedIndices, expectedValues);
            RowWise.TopK(c.Input, c.RowLength, c.K, actualIndices, actualValues);
            Assert.Equal(expectedIndices, actualIndices);
            Assert.Equal(Bits(expectedValues), Bits(actualValues));
        });

    [Fact]
    public void TopK_AscendingRow_SkipsNothingAndKeepsTheLast()
    {
        // Every vector beats the threshold here, the worst case for the skip test.
        float[] row = new float[1000];
        for (int i = 0; i < row.Length; i++)
        {
            row[i] = i;
        }

        int[] indices = new int[3];
        float[] values = new float[3];
        RowWise.TopK(row, row.Length, 3, indices, values);
        Assert.Equal([999, 998, 997], indices);
        Assert.Equal([999f, 998f, 997f], values);
    }

    [Fact]
    public void Softmax_KnownRow_MatchesScipy()
    {
        float[] result = new float[3];
        RowWise.Softmax([1f, 2f, 3f], result, 3);
        FloatAssert.Close([0.09003057f, 0.24472847f, 0.66524096f], result, relative: 1e-6, absolute: 0);
    }

    [Fact]
    public void Softmax_LargeValues_DoesNotOverflow()
    {
        // Softmax is shift-invariant, so 89..91 must give the softmax of 1..3 although exp(91) overflows float.
        float[] result = new float[6];
        RowWise.Softmax([1000f, 1000f, 500f, 89f, 90f, 91f], result, 3);
        FloatAssert.Close([0.5f, 0.5f, 0f, 0.09003057f, 0.24472847f, 0.66524096f], result, relative: 1e-6, absolute: 1e-30);
    }

    [Fact]
    public void Softmax_NonFiniteRows_FollowTheFormula()
    {
        float[] input = [1f, float.NaN, 2f, float.PositiveInfinity, 1f, 2f, float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity, 0f, float.NegativeInfinity, 0f];
        float[] result = new float[input.Length];
        RowWise.Softmax(input, result, 3);
        Assert.All(result.AsSpan(0, 6).ToArray(), x => Assert.True(float.IsNaN(x)));
        Assert.All(result.AsSpan(6, 3).ToArray(), x => Assert.True(float.IsNaN(x)));
        Assert.Equal([0.5f, 0f, 0.5f], result.AsSpan(9, 3).ToArray());
    }

    [Fact]
    public void LogSoftmax_KnownRow_MatchesScipy()
    {
        float[] result = new float[3];
        RowWise.LogSoftmax([1f, 2f, 3f], result, 3);
        FloatAssert.Close([-2.40760596f, -1.40760596f, -0.40760596f], result, relative: 1e-6, absolute: 0);
    }

    [Fact]
    public void LogSoftmax_NonFiniteRows_MatchScipy()
    {
        float[] input = [float.PositiveInfinity, 1f, float.NegativeInfinity, float.NegativeInfinity, 1f, float.NegativeInfinity];
        float[] result = new float[input.Length];
        RowWise.LogSoftmax(input, result, 2);
        Assert.True(float.IsNaN(result[0]));
        Assert.Equal(float.NegativeInfinity, result[1]);
        Assert.True(float.IsNaN(result[2]) && float.IsNaN(result[3]));
        Assert.Equal(0f, result[4]);
        Assert.Equal(float.NegativeInfinity, result[5]);
    }

    [Fact]
    public void ArgMax_SignedZerosAndNaN_MatchNumpy()
    {
        float[] input = [-0f, 0f, 0f, -0f, -1f, -0f, 0f, -2f, float.NaN, 3f, float.NaN, 3f, 1f, 3f, 3f, -1f];
        int[] result = new int[4];
        RowWise.ArgMax(input, 4, result);
        Assert.Equal([0, 1, 0, 1], result);
    }

    [Fact]
    public void TopK_SpecialValues_RankLikeTorch()
    {
        float[] row = [1f, float.NaN, 3f, float.PositiveInfinity, 3f, -0f, 0f, float.NaN];
        int[] indices = new int[8];
        float[] values = new float[8];
        RowWise.TopK(row, 8, 8, indices, values);
        Assert.Equal([1, 7, 3, 2, 4, 0, 5, 6], indices);
        Assert.Equal(Bits([float.NaN, float.NaN, float.PositiveInfinity, 3f, 3f, 1f, -0f, 0f]), Bits(values));
    }

    [Fact]
    public void EmptyInput_ValidRowLength_IsZeroRows()
    {
        int[] indices = [];
        RowWise.Softmax([], [], 4);
        RowWise.LogSoftmax([], [], 4);
        RowWise.ArgMax([], 4, indices);
        RowWise.TopK([], 4, 2, indices, []);
        Assert.Throws<ArgumentException>(() => RowWise.ArgMax([], 4, new int[1]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void RowWise_NonPositiveRowLength_ThrowsOutOfRange(int rowLength)
    {
        float[] data = new float[6];
        Assert.Equal("rowLength", Assert.Throws<ArgumentOutOfRangeException>(() => RowWise.Softmax(data, data, rowLength)).ParamName);
        Assert.Equal("rowLength", Assert.Throws<ArgumentOutOfRangeException>(() => RowWise.LogSoftmax(data, data, rowLength)).ParamName);
        Assert.Equal("rowLength", Assert.Throws<ArgumentOutOfRangeException>(() => RowWise.ArgMax(data, rowLength, new int[1])).ParamName);
        Assert.Equal("rowLength", Assert.Throws<ArgumentOutOfRangeException>(() => RowWise.TopK(data, rowLength, 1, new int[1], new float[1])).ParamName);
    }

    [Fact]
    public void RowWise_PartialRow_ThrowsNamingInput()
    {
        float[] data = new float[7];
        ArgumentException e = Assert.Throws<ArgumentException>(() => RowWise.Softmax(data, data, 3));
        Assert.Equal("input", e.ParamName);
        Assert.Contains("whole number of rows", e.Message, StringComparison.Ordinal);
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => RowWise.LogSoftmax(data, data, 3)).ParamName);
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => RowWise.ArgMax(data, 3, new int[2])).ParamName);
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => RowWise.TopK(data, 3, 1, new int[2], new float[2])).ParamName);
    }

    [Fact]
    public void RowWise_WrongDestinationLength_ThrowsNamingDestination()
    {
        float[] data = new float[6];
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => RowWise.Softmax(data, new float[5], 3)).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => RowWise.LogSoftmax(data, new float[7], 3)).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => RowWise.ArgMax(data, 3, new int[3])).ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void TopK_KOutsideRow_ThrowsOutOfRange(int k)
    {
        float[] data = new float[6];
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => RowWise.TopK(data, 3, k, new int[2 * k], new float[2 * k]));
        Assert.Equal("k", e.ParamName);
    }

    [Fact]
    public void TopK_WrongOutputLengths_ThrowNamingTheOutput()
    {
        float[] data = new float[6];
        Assert.Equal("indices", Assert.Throws<ArgumentException>(() => RowWise.TopK(data, 3, 2, new int[3], new float[4])).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => RowWise.TopK(data, 3, 2, new int[4], new float[5])).ParamName);
    }

    private static int[] Bits(float[] values) => Array.ConvertAll(values, BitConverter.SingleToInt32Bits);
}
