using System.Buffers.Binary;
using System.Text;
using Ml.Sdk.FeatureStore.Definitions;

namespace Ml.Sdk.FeatureStore.Online.Internal;

/// <summary>
/// One value as the online stores keep it, in keys and in rows alike: a type tag (0 for null, else the
/// <see cref="FeatureValueType"/> plus one), then the value in its own width, little-endian (floats as their exact bit
/// patterns), a bool in one byte, a string as its UTF-8 length and bytes. Every value is self-delimiting.
/// </summary>
internal static class TaggedValue
{
    public const byte NullTag = 0;

    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The tag of values of <paramref name="type"/>.</summary>
    public static byte Tag(FeatureValueType type) => (byte)((int)type + 1);

    /// <summary>The bytes <see cref="Write"/> takes for <paramref name="value"/>, tag included.</summary>
    public static int Size(object? value) => 1 + value switch
    {
        null => 0,
        int => sizeof(int),
        long => sizeof(long),
        float => sizeof(float),
        double => sizeof(double),
        bool => 1,
        string s => StringSize(s),
        _ => throw Unsupported(value),
    };

    /// <summary>Writes the tag and the value; returns the bytes written.</summary>
    public static int Write(Span<byte> destination, object? value)
    {
        switch (value)
        {
            case null:
                destination[0] = NullTag;
                return 1;
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
                BinaryPrimitives.WriteInt32LittleEndian(destination[1..], BitConverter.SingleToInt32Bits(f));
                return 1 + sizeof(float);
            case double d:
                destination[0] = Tag(FeatureValueType.Float64);
                BinaryPrimitives.WriteInt64LittleEndian(destination[1..], BitConverter.DoubleToInt64Bits(d));
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

    /// <summary>Reads the value after a tag already read from <paramref name="source"/>; advances <paramref name="position"/>.</summary>
    /// <exception cref="InvalidDataException">An unknown tag, or the bytes end early.</exception>
    public static object? Read(ReadOnlySpan<byte> source, ref int position, byte tag)
    {
        switch (tag)
        {
            case NullTag:
                return null;
            case (byte)FeatureValueType.Int32 + 1:
                position += sizeof(int);
                return BinaryPrimitives.ReadInt32LittleEndian(Slice(source, position - sizeof(int), sizeof(int)));
            case (byte)FeatureValueType.Int64 + 1:
                position += sizeof(long);
                return BinaryPrimitives.ReadInt64LittleEndian(Slice(source, position - sizeof(long), sizeof(long)));
            case (byte)FeatureValueType.Float32 + 1:
                position += sizeof(float);
                return BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32LittleEndian(Slice(source, position - sizeof(float), sizeof(float))));
            case (byte)FeatureValueType.Float64 + 1:
                position += sizeof(double);
                return BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(Slice(source, position - sizeof(double), sizeof(double))));
            case (byte)FeatureValueType.Bool + 1:
                position += 1;
                return Slice(source, position - 1, 1)[0] != 0;
            case (byte)FeatureValueType.String + 1:
                int length = (int)VarInt.Read(source, ref position);
                string text = s_utf8.GetString(Slice(source, position, length));
                position += length;
                return text;
            default:
                throw new InvalidDataException($"A stored online value has the unknown tag {tag}.");
        }
    }

    /// <summary>A slice of stored bytes, or <see cref="InvalidDataException"/> if they end before it.</summary>
    public static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> source, int start, int length) =>
        length >= 0 && start <= source.Length - length
            ? source.Slice(start, length)
            : throw new InvalidDataException("A stored online row ends early.");

    private static int StringSize(string s)
    {
        int bytes = s_utf8.GetByteCount(s);
        return VarInt.SizeOf((uint)bytes) + bytes;
    }

    private static ArgumentException Unsupported(object value) =>
        new($"A value of type {value.GetType()} cannot be stored online.", nameof(value));
}
