using System.Buffers;
using System.Collections.Immutable;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Ml.Sdk.Core.Tensors;
using Ml.Sdk.Serving.Internal;

namespace Ml.Sdk.Serving;

/// <summary>
/// One output of an <see cref="InferenceResponse"/>: its name, element type, shape and elements. The elements live in a
/// pooled buffer (or the caller's buffer given with <see cref="InferenceRequest.WithOutput{T}"/>) and are valid until the
/// response is disposed.
/// </summary>
public sealed class InferenceOutput
{
    private readonly OutputDestination? _destination;
    private byte[]? _pooled;
    private readonly int _byteLength;

    internal InferenceOutput(string name, TensorElementType elementType, ImmutableArray<long> shape, byte[] pooled, int byteLength)
    {
        Name = name;
        ElementType = elementType;
        Shape = shape;
        _pooled = pooled;
        _byteLength = byteLength;
    }

    internal InferenceOutput(string name, TensorElementType elementType, ImmutableArray<long> shape, OutputDestination destination, int byteLength)
    {
        Name = name;
        ElementType = elementType;
        Shape = shape;
        _destination = destination;
        _byteLength = byteLength;
    }

    /// <summary>Gets the output's name.</summary>
    public string Name { get; }

    /// <summary>Gets the element type.</summary>
    public TensorElementType ElementType { get; }

    /// <summary>Gets the shape (batch dimension first).</summary>
    public ImmutableArray<long> Shape { get; }

    internal ReadOnlySpan<byte> Bytes => _destination is not null
        ? _destination.Bytes[.._byteLength]
        : (_pooled ?? throw new ObjectDisposedException(nameof(InferenceResponse))).AsSpan(0, _byteLength);

    /// <summary>Gets the elements.</summary>
    /// <typeparam name="T">The element type; it must match <see cref="ElementType"/>.</typeparam>
    /// <returns>The elements, valid until the response is disposed.</returns>
    /// <exception cref="TensorValidationException"><typeparamref name="T"/> is not the output's element type.</exception>
    /// <exception cref="ObjectDisposedException">The response was disposed.</exception>
    public ReadOnlySpan<T> GetData<T>()
        where T : unmanaged
    {
        CheckType<T>();
        return MemoryMarshal.Cast<byte, T>(Bytes);
    }

    /// <summary>Gets the elements as a tensor span with the output's shape.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <returns>A view valid until the response is disposed.</returns>
    public ReadOnlyTensorSpan<T> AsTensorSpan<T>()
        where T : unmanaged
    {
        ReadOnlySpan<T> data = GetData<T>();
        Span<nint> lengths = stackalloc nint[Shape.Length];
        for (int i = 0; i < lengths.Length; i++)
        {
            lengths[i] = checked((nint)Shape[i]);
        }

        return new ReadOnlyTensorSpan<T>(data, lengths, []);
    }

    /// <summary>Copies the output into a new <see cref="Tensor{T}"/> that outlives the response.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <returns>The tensor.</returns>
    public Tensor<T> ToTensor<T>()
        where T : unmanaged
    {
        T[] data = GetData<T>().ToArray();
        nint[] lengths = new nint[Shape.Length];
        for (int i = 0; i < lengths.Length; i++)
        {
            lengths[i] = checked((nint)Shape[i]);
        }

        return Tensor.Create(data, lengths);
    }

    internal void Release()
    {
        byte[]? pooled = Interlocked.Exchange(ref _pooled, null);
        if (pooled is not null)
        {
            ArrayPool<byte>.Shared.Return(pooled);
        }
    }

    private void CheckType<T>()
        where T : unmanaged
    {
        TensorElementType requested = TensorElementTypes.Of<T>();
        if (requested != ElementType)
        {
            throw new TensorValidationException(Name,
                $"Output '{Name}' holds {TensorElementTypes.GetName(ElementType)}, not {TensorElementTypes.GetName(requested)}.");
        }
    }
}
