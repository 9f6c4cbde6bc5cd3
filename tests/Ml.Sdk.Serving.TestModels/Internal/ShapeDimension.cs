using Ml.Sdk.Training.Onnx.Internal.Proto;

namespace Ml.Sdk.Serving.TestModels.Internal;

/// <summary>
/// One dimension of a graph input or output: a fixed length, or a symbolic name that ONNX Runtime leaves free.
/// Converts implicitly from <see cref="int"/> and <see cref="string"/>, so a shape reads <c>("batch", 32)</c>.
/// </summary>
internal readonly record struct ShapeDimension
{
    private ShapeDimension(long? length, string? name)
    {
        Length = length;
        Name = name;
    }

    /// <summary>Gets the fixed length, or <see langword="null"/> for a symbolic dimension.</summary>
    public long? Length { get; }

    /// <summary>Gets the symbolic name (the ONNX <c>dim_param</c>), or <see langword="null"/> for a fixed dimension.</summary>
    public string? Name { get; }

    public static implicit operator ShapeDimension(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new ShapeDimension(length, null);
    }

    public static implicit operator ShapeDimension(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new ShapeDimension(null, name);
    }

    /// <summary>Converts to the protobuf dimension.</summary>
    public TensorShapeProto.Types.Dimension ToProto() => Name is null
        ? new TensorShapeProto.Types.Dimension { DimValue = Length ?? 0 }
        : new TensorShapeProto.Types.Dimension { DimParam = Name };
}
