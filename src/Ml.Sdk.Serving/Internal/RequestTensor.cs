using System.Runtime.InteropServices;
using Ml.Sdk.Core.Tensors;

namespace Ml.Sdk.Serving.Internal;

/// <summary>One input of an <see cref="InferenceRequest"/>, seen as bytes by the engine.</summary>
internal abstract class RequestTensor(string name, TensorElementType elementType, long[] shape)
{
    public string Name { get; } = name;

    public TensorElementType ElementType { get; } = elementType;

    public long[] Shape { get; } = shape;

    public abstract ReadOnlySpan<byte> Bytes { get; }
}

/// <summary>An input over the caller's typed memory.</summary>
internal sealed class RequestTensor<T>(string name, ReadOnlyMemory<T> data, long[] shape)
    : RequestTensor(name, TensorElementTypes.Of<T>(), shape)
    where T : unmanaged
{
    public override ReadOnlySpan<byte> Bytes => MemoryMarshal.AsBytes(data.Span);
}
