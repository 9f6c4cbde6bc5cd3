using System.Diagnostics.CodeAnalysis;

namespace Ml.Sdk.Core.Tensors;

/// <summary>
/// The element type of a tensor. The numeric values are those of ONNX's <c>TensorProto.DataType</c>, so that
/// Serving and Training map to and from ONNX without a lookup table.
/// </summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The members name element types; that is what they are.")]
public enum TensorElementType
{
    /// <summary>No element type; never valid in a <see cref="TensorSpec"/>.</summary>
    Undefined = 0,

    /// <summary>32-bit IEEE float (<see cref="float"/>).</summary>
    Float32 = 1,

    /// <summary>Unsigned 8-bit integer (<see cref="byte"/>).</summary>
    UInt8 = 2,

    /// <summary>Signed 8-bit integer (<see cref="sbyte"/>).</summary>
    Int8 = 3,

    /// <summary>Unsigned 16-bit integer (<see cref="ushort"/>).</summary>
    UInt16 = 4,

    /// <summary>Signed 16-bit integer (<see cref="short"/>).</summary>
    Int16 = 5,

    /// <summary>Signed 32-bit integer (<see cref="int"/>).</summary>
    Int32 = 6,

    /// <summary>Signed 64-bit integer (<see cref="long"/>).</summary>
    Int64 = 7,

    /// <summary>UTF-8 string (<see cref="string"/>).</summary>
    String = 8,

    /// <summary>Boolean (<see cref="bool"/>).</summary>
    Bool = 9,

    /// <summary>16-bit IEEE float (<see cref="System.Half"/>).</summary>
    Float16 = 10,

    /// <summary>64-bit IEEE float (<see cref="double"/>).</summary>
    Float64 = 11,

    /// <summary>Unsigned 32-bit integer (<see cref="uint"/>).</summary>
    UInt32 = 12,

    /// <summary>Unsigned 64-bit integer (<see cref="ulong"/>).</summary>
    UInt64 = 13,

    /// <summary>Brain floating point, 16 bits (no CLR type; carried as raw <see cref="ushort"/> bits).</summary>
    BFloat16 = 16,
}
