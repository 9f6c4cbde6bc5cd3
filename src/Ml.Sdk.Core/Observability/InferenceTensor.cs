using System.Runtime.InteropServices;
using Ml.Sdk.Core.Tensors;

namespace Ml.Sdk.Core.Observability;

/// <summary>
/// One named tensor of an inference, viewed in place: its element type, lengths and raw bytes. The view is valid
/// only during <see cref="IInferenceObserver.OnInference"/>: the memory belongs to Serving's pooled buffers, so an
/// observer copies what it keeps.
/// </summary>
public readonly ref struct InferenceTensor
{
    /// <summary>Creates a view.</summary>
    /// <param name="name">The input or output name.</param>
    /// <param name="elementType">The element type of <paramref name="data"/>.</param>
    /// <param name="lengths">The lengths, one per dimension.</param>
    /// <param name="data">The elements' bytes, dense and row-major.</param>
    public InferenceTensor(string name, TensorElementType elementType, ReadOnlySpan<nint> lengths, ReadOnlySpan<byte> data)
    {
        Name = name;
        ElementType = elementType;
        Lengths = lengths;
        Data = data;
    }

    /// <summary>Gets the input or output name.</summary>
    public string Name { get; }

    /// <summary>Gets the element type.</summary>
    public TensorElementType ElementType { get; }

    /// <summary>Gets the lengths, one per dimension.</summary>
    public ReadOnlySpan<nint> Lengths { get; }

    /// <summary>Gets the elements' bytes, dense and row-major.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>Returns the elements typed as <typeparamref name="T"/>, without copying.</summary>
    /// <typeparam name="T">The element type; must match <see cref="ElementType"/>.</typeparam>
    /// <returns>The elements.</returns>
    /// <exception cref="TensorValidationException"><typeparamref name="T"/> does not match <see cref="ElementType"/>.</exception>
    public ReadOnlySpan<T> GetData<T>()
        where T : unmanaged
    {
        TensorElementType requested = TensorElementTypes.Of<T>();
        if (requested != ElementType)
        {
            throw new TensorValidationException(Name,
                $"Tensor '{Name}' holds {TensorElementTypes.GetName(ElementType)}, not {TensorElementTypes.GetName(requested)}.");
        }

        return MemoryMarshal.Cast<byte, T>(Data);
    }
}
