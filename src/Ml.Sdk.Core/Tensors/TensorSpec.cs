using System.Collections.Immutable;
using System.Numerics.Tensors;
using System.Text;

namespace Ml.Sdk.Core.Tensors;

/// <summary>
/// Describes one named input or output of a model: its element type and its shape, where
/// <see cref="DynamicDimension"/> (-1) marks a dimension of any length (typically the batch dimension).
/// </summary>
/// <remarks>Immutable, with value equality, so that signatures can be compared and stored.</remarks>
public sealed class TensorSpec : IEquatable<TensorSpec>
{
    /// <summary>The value of a dimension whose length is not fixed.</summary>
    public const long DynamicDimension = -1;

    /// <summary>Creates a spec.</summary>
    /// <param name="name">The input or output name, as the model knows it.</param>
    /// <param name="elementType">The element type.</param>
    /// <param name="shape">The dimensions: each a length of zero or more, or -1 for a dynamic dimension.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, or a dimension is below -1.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="elementType"/> is not a defined element type.</exception>
    public TensorSpec(string name, TensorElementType elementType, params ReadOnlySpan<long> shape)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (elementType == TensorElementType.Undefined || !Enum.IsDefined(elementType))
        {
            throw new ArgumentOutOfRangeException(nameof(elementType), elementType, $"Tensor '{name}' needs a defined element type.");
        }

        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] < DynamicDimension)
            {
                throw new ArgumentException(
                    $"Tensor '{name}' dimension {i} is {shape[i]}; a dimension is a length (0 or more) or -1 for dynamic.",
                    nameof(shape));
            }
        }

        Name = name;
        ElementType = elementType;
        Shape = [.. shape];
    }

    /// <summary>Gets the input or output name.</summary>
    public string Name { get; }

    /// <summary>Gets the element type.</summary>
    public TensorElementType ElementType { get; }

    /// <summary>Gets the dimensions; -1 marks a dynamic dimension. Empty for a scalar.</summary>
    public ImmutableArray<long> Shape { get; }

    /// <summary>Gets the number of dimensions.</summary>
    public int Rank => Shape.Length;

    /// <summary>Gets whether the first dimension is dynamic, so that requests can be stacked along it.</summary>
    public bool HasDynamicBatchDimension => Shape.Length > 0 && Shape[0] == DynamicDimension;

    /// <summary>Creates a spec for elements of <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The CLR element type.</typeparam>
    /// <param name="name">The input or output name.</param>
    /// <param name="shape">The dimensions, -1 for dynamic.</param>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> has no tensor element type.</exception>
    public static TensorSpec Create<T>(string name, params ReadOnlySpan<long> shape) =>
        new(name, TensorElementTypes.Of<T>(), shape);

    /// <summary>
    /// Checks a concrete tensor's element type and lengths against this spec.
    /// </summary>
    /// <param name="elementType">The tensor's element type.</param>
    /// <param name="lengths">The tensor's lengths, one per dimension.</param>
    /// <exception cref="TensorValidationException">
    /// The element type, the rank or a fixed dimension differs; the message names this spec's input, the dimension,
    /// the expected and the actual value.
    /// </exception>
    public void Validate(TensorElementType elementType, ReadOnlySpan<nint> lengths)
    {
        string? problem = FindMismatch(elementType, lengths, out int? dimension);
        if (problem is not null)
        {
            throw new TensorValidationException(Name, problem, dimension);
        }
    }

    /// <summary>Checks a tensor span against this spec.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="tensor">The tensor.</param>
    /// <exception cref="TensorValidationException">The tensor does not match; see <see cref="Validate(TensorElementType, ReadOnlySpan{nint})"/>.</exception>
    public void Validate<T>(in ReadOnlyTensorSpan<T> tensor) => Validate(TensorElementTypes.Of<T>(), tensor.Lengths);

    /// <summary>Checks a tensor against this spec.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="tensor">The tensor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tensor"/> is <see langword="null"/>.</exception>
    /// <exception cref="TensorValidationException">The tensor does not match; see <see cref="Validate(TensorElementType, ReadOnlySpan{nint})"/>.</exception>
    public void Validate<T>(Tensor<T> tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        Validate(TensorElementTypes.Of<T>(), tensor.Lengths);
    }

    /// <summary>Returns whether a tensor of this element type and these lengths matches the spec.</summary>
    /// <param name="elementType">The tensor's element type.</param>
    /// <param name="lengths">The tensor's lengths.</param>
    /// <returns><see langword="true"/> when it matches.</returns>
    public bool IsSatisfiedBy(TensorElementType elementType, ReadOnlySpan<nint> lengths) =>
        FindMismatch(elementType, lengths, out _) is null;

    private string? FindMismatch(TensorElementType elementType, ReadOnlySpan<nint> lengths, out int? dimension)
    {
        dimension = null;
        if (elementType != ElementType)
        {
            return $"Input '{Name}' has element type {TensorElementTypes.GetName(elementType)} but the signature expects " +
                $"{TensorElementTypes.GetName(ElementType)} ({this}).";
        }

        if (lengths.Length != Shape.Length)
        {
            return $"Input '{Name}' has rank {lengths.Length} ({FormatLengths(lengths)}) but the signature expects rank " +
                $"{Shape.Length} ({this}).";
        }

        for (int i = 0; i < lengths.Length; i++)
        {
            long expected = Shape[i];
            if (expected != DynamicDimension && lengths[i] != expected)
            {
                dimension = i;
                return $"Input '{Name}' dimension {i} has length {lengths[i]} but the signature expects {expected} ({this}).";
            }
        }

        return null;
    }

    private static string FormatLengths(ReadOnlySpan<nint> lengths)
    {
        var builder = new StringBuilder("[");
        for (int i = 0; i < lengths.Length; i++)
        {
            builder.Append(i == 0 ? string.Empty : ",").Append(lengths[i]);
        }

        return builder.Append(']').ToString();
    }

    /// <summary>Formats the spec as <c>name: float32[-1,32]</c>.</summary>
    /// <returns>The formatted spec.</returns>
    public override string ToString() =>
        $"{Name}: {TensorElementTypes.GetName(ElementType)}[{string.Join(',', Shape)}]";

    /// <inheritdoc />
    public bool Equals(TensorSpec? other) =>
        other is not null && Name == other.Name && ElementType == other.ElementType && Shape.AsSpan().SequenceEqual(other.Shape.AsSpan());

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as TensorSpec);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Name, StringComparer.Ordinal);
        hash.Add(ElementType);
        foreach (long dim in Shape)
        {
            hash.Add(dim);
        }

        return hash.ToHashCode();
    }
}
