using System.Buffers.Binary;
using System.Text;
using Ml.Sdk.FeatureStore.Definitions;

namespace Ml.Sdk.FeatureStore.Online.Internal;

/// <summary>
/// The stored form of an entity key: per join key value a type tag (the <see cref="FeatureValueType"/> plus one), then
/// the value: integers and floats little-endian in their own width, a bool in one byte, a string as its UTF-8 length and
/// bytes.
/// </summary>
/// <remarks>
/// Every value is self-delimiting (a fixed width per tag, or a length prefix), so the concatenation decodes one way only:
/// <c>1</c>, <c>1L</c> and <c>"1"</c> differ by tag, and no string content can imitate a boundary. The encoding does not
/// depend on the view's join key types, so that rows written through different versions of a view (which share storage
/// by name) can never collide. Floating-point keys are normalized as <see cref="EntityKey"/> equality is: -0 as +0 and
/// every NaN as one NaN.
/// </remarks>
internal static class EntityKeyEncoding
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Encodes validated key values (non-null, of a supported type).</summary>
    public static byte[] Encode(IReadOnlyList<object?> values)
    {
        int size = 0;
        for (int i = 0; i < values.Count; i++)
        {
            size += 1 + PayloadSize(values[i]!);
        }

        byte[] buffer = new byte[size];
        Span<byte> span = buffer;
        int position = 0;
        for (int i = 0; i < values.Count; i++)
        {
            position += Write(span[position..], values[i]!);
        }

        return buffer;
    }

    private static int PayloadSize(object value) => value switch
    {
        int => sizeof(int),
        long => sizeof(long),
        float => sizeof(float),
        double => sizeof(double),
        bool => 1,
        string s => StringSize(s),
        _ => throw Unsupported(value),
    };

    private static int StringSize(string s)
    {
        int bytes = s_utf8.GetByteCount(s);
        return VarInt.SizeOf((uint)bytes) + bytes;
    }

    private static int Write(Span<byte> destination, object value)
    {
        switch (value)
        {
            case int i:
                destination[0] = Tag(FeatureValueType.Int32);
                BinaryPrimitives.WriteInt32LittleEndian(destination[1..], i);
                return 1 + sizeof(int);
            case long l:
                destination[0] = Tag(FeatureValueType.Int64);
                BinaryPrimitives.WriteInt64LittleEndian(destination[1..], l);
                return 1 + sizeof(long);
            case float f:
                destination[0] = Tag(FeatureValueType.Float32);
                BinaryPrimitives.WriteSingleLittleEndian(destination[1..], float.IsNaN(f) ? float.NaN : f == 0f ? 0f : f);
                return 1 + sizeof(float);
            case double d:
                destination[0] = Tag(FeatureValueType.Float64);
                BinaryPrimitives.WriteDoubleLittleEndian(destination[1..], double.IsNaN(d) ? double.NaN : d == 0d ? 0d : d);
                return 1 + sizeof(double);
            case bool b:
                destination[0] = Tag(FeatureValueType.Bool);
                destination[1] = b ? (byte)1 : (byte)0;
                return 2;
            case string s:
                destination[0] = Tag(FeatureValueType.String);
                int length = s_utf8.GetByteCount(s);
                int prefix = VarInt.Write(destination[1..], (uint)length);
                s_utf8.GetBytes(s, destination[(1 + prefix)..]);
                return 1 + prefix + length;
            default:
                throw Unsupported(value);
        }
    }

    private static byte Tag(FeatureValueType type) => (byte)((int)type + 1);

    private static ArgumentException Unsupported(object value) =>
        new($"A join key value of type {value.GetType()} cannot be encoded.", nameof(value));
}
