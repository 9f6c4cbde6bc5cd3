using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using Ml.Sdk.FeatureStore.Definitions;

namespace Ml.Sdk.FeatureStore.Online.Internal;

/// <summary>
/// The stored form of a row's feature values: a format byte, the entry count, then per feature its UTF-8 name, a type
/// tag (0 for null, else the <see cref="FeatureValueType"/> plus one) and the value in its own width (floats as their
/// exact bit patterns, so NaN payloads and -0 survive; strings as UTF-8 length and bytes).
/// </summary>
/// <remarks>
/// Rows are stored by view name, so every version of a view reads the same rows. The names let a version decode rows
/// written by another: a feature is matched by name and type, and one the row lacks or stores with another type reads as
/// missing. Names cost a few bytes per feature, as Feast's per-feature rows do, and the positional match is tried first.
/// </remarks>
internal static class FeatureValueEncoding
{
    public const byte FormatVersion = 1;

    private const byte NullTag = 0;

    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly ConditionalWeakTable<IReadOnlyList<Field>, byte[][]> s_names = [];

    /// <summary>The features' names in UTF-8, computed once per feature list.</summary>
    public static byte[][] NamesOf(IReadOnlyList<Field> features) =>
        s_names.GetValue(features, static fields => [.. fields.Select(f => Encoding.UTF8.GetBytes(f.Name))]);

    /// <summary>Encodes validated values (each null or of its feature's type), one per name.</summary>
    public static byte[] Encode(byte[][] names, IReadOnlyList<object?> values)
    {
        int size = 1 + VarInt.SizeOf((uint)values.Count);
        for (int i = 0; i < values.Count; i++)
        {
            size += VarInt.SizeOf((uint)names[i].Length) + names[i].Length + 1 + PayloadSize(values[i]);
        }

        byte[] buffer = new byte[size];
        Span<byte> span = buffer;
        span[0] = FormatVersion;
        int position = 1 + VarInt.Write(span[1..], (uint)values.Count);
        for (int i = 0; i < values.Count; i++)
        {
            position += VarInt.Write(span[position..], (uint)names[i].Length);
            names[i].CopyTo(span[position..]);
            position += names[i].Length;
            position += WriteValue(span[position..], values[i]);
        }

        return buffer;
    }

    /// <summary>
    /// Decodes a stored row into one slot per feature, leaving null where the row has no value of that feature's name and
    /// type.
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes are not a stored row of a known format.</exception>
    public static void Decode(ReadOnlySpan<byte> source, IReadOnlyList<Field> features, byte[][] names, Span<object?> destination)
    {
        destination.Clear();
        if (source.IsEmpty || source[0] != FormatVersion)
        {
            throw new InvalidDataException($"A stored online row has the unknown format {(source.IsEmpty ? "(empty)" : source[0].ToString(System.Globalization.CultureInfo.InvariantCulture))}.");
        }

        int position = 1;
        uint count = VarInt.Read(source, ref position);
        for (int entry = 0; entry < count; entry++)
        {
            int nameLength = (int)VarInt.Read(source, ref position);
            ReadOnlySpan<byte> name = Slice(source, position, nameLength);
            position += nameLength;
            byte tag = Slice(source, position, 1)[0];
            position++;
            object? value = ReadValue(source, ref position, tag);
            int feature = FindFeature(names, name, entry);
            if (feature >= 0 && value is not null && tag == (byte)((int)features[feature].Type + 1))
            {
                destination[feature] = value;
            }
        }
    }

    private static int FindFeature(byte[][] names, ReadOnlySpan<byte> name, int guess)
    {
        if (guess < names.Length && name.SequenceEqual(names[guess]))
        {
            return guess;
        }

        for (int i = 0; i < names.Length; i++)
        {
            if (name.SequenceEqual(names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static int PayloadSize(object? value) => value switch
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

    private static int StringSize(string s)
    {
        int bytes = s_utf8.GetByteCount(s);
        return VarInt.SizeOf((uint)bytes) + bytes;
    }

    private static int WriteValue(Span<byte> destination, object? value)
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

    private static object? ReadValue(ReadOnlySpan<byte> source, ref int position, byte tag)
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
                throw new InvalidDataException($"A stored online row has the unknown value tag {tag}.");
        }
    }

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> source, int start, int length) =>
        length >= 0 && start <= source.Length - length
            ? source.Slice(start, length)
            : throw new InvalidDataException("A stored online row ends early.");

    private static byte Tag(FeatureValueType type) => (byte)((int)type + 1);

    private static ArgumentException Unsupported(object value) =>
        new($"A feature value of type {value.GetType()} cannot be encoded.", nameof(value));
}
