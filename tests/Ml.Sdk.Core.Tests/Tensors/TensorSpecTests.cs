using System.Numerics.Tensors;
using Ml.Sdk.Core.Tensors;

namespace Ml.Sdk.Core.Tests.Tensors;

public class TensorSpecTests
{
    private static readonly TensorSpec s_features = TensorSpec.Create<float>("features", -1, 32);

    [Fact]
    public void Validate_MatchingTensor_DoesNotThrow()
    {
        float[] data = new float[4 * 32];

        s_features.Validate(TensorViews.Wrap(data, 4, 32));
        s_features.Validate<float>(TensorViews.View<float>(data.AsSpan(0, 32), 1, 32));

        Assert.True(s_features.IsSatisfiedBy(TensorElementType.Float32, [7, 32]));
    }

    [Fact]
    public void Validate_WrongFixedDimension_NamesInputDimensionAndBothValues()
    {
        var ex = Assert.Throws<TensorValidationException>(
            () => s_features.Validate(TensorElementType.Float32, [8, 31]));

        Assert.Equal("features", ex.TensorName);
        Assert.Equal("features", ex.ParamName);
        Assert.Equal(1, ex.Dimension);
        Assert.Contains("'features'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("dimension 1 has length 31", ex.Message, StringComparison.Ordinal);
        Assert.Contains("expects 32", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WrongElementType_NamesBothTypes()
    {
        var ex = Assert.Throws<TensorValidationException>(
            () => s_features.Validate(TensorViews.Wrap(new double[32], 1, 32)));

        Assert.Null(ex.Dimension);
        Assert.Contains("float64", ex.Message, StringComparison.Ordinal);
        Assert.Contains("float32", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WrongRank_NamesBothRanks()
    {
        var ex = Assert.Throws<TensorValidationException>(
            () => s_features.Validate(TensorElementType.Float32, [32]));

        Assert.Contains("rank 1 ([32])", ex.Message, StringComparison.Ordinal);
        Assert.Contains("expects rank 2", ex.Message, StringComparison.Ordinal);
        Assert.False(s_features.IsSatisfiedBy(TensorElementType.Float32, [32]));
    }

    [Fact]
    public void Constructor_BadArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => new TensorSpec(" ", TensorElementType.Float32, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TensorSpec("x", TensorElementType.Undefined, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TensorSpec("x", (TensorElementType)99, 1));
        var ex = Assert.Throws<ArgumentException>(() => new TensorSpec("x", TensorElementType.Float32, 4, -2));
        Assert.Contains("dimension 1 is -2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Equality_SameContent_IsEqualAndHashesAlike()
    {
        TensorSpec a = TensorSpec.Create<long>("ids", -1, 3);
        TensorSpec b = new("ids", TensorElementType.Int64, -1, 3);
        TensorSpec c = TensorSpec.Create<long>("ids", -1, 4);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.True(a.HasDynamicBatchDimension);
        Assert.Equal("ids: int64[-1,3]", a.ToString());
    }

    [Fact]
    public void ScalarSpec_RankZeroTensor_Validates()
    {
        TensorSpec scalar = TensorSpec.Create<float>("temperature");

        scalar.Validate(TensorElementType.Float32, ReadOnlySpan<nint>.Empty);

        Assert.Equal(0, scalar.Rank);
        Assert.False(scalar.HasDynamicBatchDimension);
    }

    [Theory]
    [InlineData(typeof(float), TensorElementType.Float32, 4)]
    [InlineData(typeof(double), TensorElementType.Float64, 8)]
    [InlineData(typeof(long), TensorElementType.Int64, 8)]
    [InlineData(typeof(int), TensorElementType.Int32, 4)]
    [InlineData(typeof(bool), TensorElementType.Bool, 1)]
    [InlineData(typeof(Half), TensorElementType.Float16, 2)]
    [InlineData(typeof(byte), TensorElementType.UInt8, 1)]
    public void TensorElementTypes_Of_MapsClrTypes(Type clrType, TensorElementType expected, int size)
    {
        var method = typeof(TensorElementTypes).GetMethod(nameof(TensorElementTypes.Of))!.MakeGenericMethod(clrType);

        var actual = (TensorElementType)method.Invoke(null, null)!;

        Assert.Equal(expected, actual);
        Assert.Equal(size, TensorElementTypes.SizeOf(actual));
        Assert.Equal(actual, TensorElementTypes.Parse(TensorElementTypes.GetName(actual)));
    }

    [Fact]
    public void TensorElementTypes_UnknownNameOrType_Throws()
    {
        Assert.Throws<FormatException>(() => TensorElementTypes.Parse("float128"));
        Assert.Throws<NotSupportedException>(() => TensorElementTypes.Of<decimal>());
    }

    [Fact]
    public void Validate_TensorOfTensorType_UsesItsLengths()
    {
        Tensor<float> tensor = Tensor.CreateFromShape<float>([3, 32]);

        s_features.Validate(tensor);
        Assert.Throws<TensorValidationException>(() => TensorSpec.Create<float>("features", 3, 16).Validate(tensor));
    }
}
