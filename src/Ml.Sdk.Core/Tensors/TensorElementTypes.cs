namespace Ml.Sdk.Core.Tensors;

/// <summary>Maps CLR element types to <see cref="TensorElementType"/> and describes each element type.</summary>
public static class TensorElementTypes
{
    /// <summary>Returns the element type of tensors of <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">A CLR element type such as <see cref="float"/> or <see cref="long"/>.</typeparam>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> has no tensor element type.</exception>
    public static TensorElementType Of<T>()
    {
        // Each branch is a JIT-time constant for value types, so this compiles to a single return.
        if (typeof(T) == typeof(float)) { return TensorElementType.Float32; }
        if (typeof(T) == typeof(double)) { return TensorElementType.Float64; }
        if (typeof(T) == typeof(long)) { return TensorElementType.Int64; }
        if (typeof(T) == typeof(int)) { return TensorElementType.Int32; }
        if (typeof(T) == typeof(byte)) { return TensorElementType.UInt8; }
        if (typeof(T) == typeof(sbyte)) { return TensorElementType.Int8; }
        if (typeof(T) == typeof(short)) { return TensorElementType.Int16; }
        if (typeof(T) == typeof(ushort)) { return TensorElementType.UInt16; }
        if (typeof(T) == typeof(uint)) { return TensorElementType.UInt32; }
        if (typeof(T) == typeof(ulong)) { return TensorElementType.UInt64; }
        if (typeof(T) == typeof(bool)) { return TensorElementType.Bool; }
        if (typeof(T) == typeof(Half)) { return TensorElementType.Float16; }
        if (typeof(T) == typeof(string)) { return TensorElementType.String; }
        throw new NotSupportedException($"The CLR type '{typeof(T)}' has no tensor element type.");
    }

    /// <summary>Returns the size in bytes of one element, or 0 for <see cref="TensorElementType.String"/>.</summary>
    /// <param name="elementType">The element type.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="elementType"/> is not a defined value.</exception>
    public static int SizeOf(TensorElementType elementType) => elementType switch
    {
        TensorElementType.Float32 or TensorElementType.Int32 or TensorElementType.UInt32 => 4,
        TensorElementType.Float64 or TensorElementType.Int64 or TensorElementType.UInt64 => 8,
        TensorElementType.UInt8 or TensorElementType.Int8 or TensorElementType.Bool => 1,
        TensorElementType.Int16 or TensorElementType.UInt16 or TensorElementType.Float16 or TensorElementType.BFloat16 => 2,
        TensorElementType.String => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(elementType), elementType, "Not a tensor element type."),
    };

    /// <summary>Returns the short lower-case name used in messages and serialized signatures (e.g. <c>float32</c>).</summary>
    /// <param name="elementType">The element type.</param>
    public static string GetName(TensorElementType elementType) => elementType switch
    {
        TensorElementType.Float32 => "float32",
        TensorElementType.Float64 => "float64",
        TensorElementType.Float16 => "float16",
        TensorElementType.BFloat16 => "bfloat16",
        TensorElementType.Int8 => "int8",
        TensorElementType.Int16 => "int16",
        TensorElementType.Int32 => "int32",
        TensorElementType.Int64 => "int64",
        TensorElementType.UInt8 => "uint8",
        TensorElementType.UInt16 => "uint16",
        TensorElementType.UInt32 => "uint32",
        TensorElementType.UInt64 => "uint64",
        TensorElementType.Bool => "bool",
        TensorElementType.String => "string",
        _ => "undefined",
    };

    /// <summary>Parses a name produced by <see cref="GetName"/>.</summary>
    /// <param name="name">The name, such as <c>float32</c>.</param>
    /// <exception cref="FormatException"><paramref name="name"/> names no element type.</exception>
    public static TensorElementType Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (TensorElementType candidate in Enum.GetValues<TensorElementType>())
        {
            if (candidate != TensorElementType.Undefined && string.Equals(GetName(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        throw new FormatException($"'{name}' is not a tensor element type (expected e.g. float32, int64, bool).");
    }
}
