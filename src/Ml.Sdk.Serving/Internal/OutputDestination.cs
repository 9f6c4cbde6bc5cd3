using System.Runtime.InteropServices;
using Ml.Sdk.Core.Tensors;

namespace Ml.Sdk.Serving.Internal;

/// <summary>A caller's buffer that one output is written into.</summary>
internal abstract class OutputDestination(string name, TensorElementType elementType)
{
    public string Name { get; } = name;

    public TensorElementType ElementType { get; } = elementType;

    public abstract Span<byte> Bytes { get; }

    public abstract int Length { get; }
}

/// <summary>A caller's typed buffer.</summary>
internal sealed class OutputDestination<T>(string name, Memory<T> destination)
    : OutputDestination(name, TensorElementTypes.Of<T>())
    where T : unmanaged
{
    public override Span<byte> Bytes => MemoryMarshal.AsBytes(destination.Span);

    public override int Length => destination.Length;
}
