using System.Runtime.CompilerServices;
using System.Text;
using Ml.Sdk.FeatureStore.Definitions;

namespace Ml.Sdk.FeatureStore.Online.Internal;

/// <summary>
/// The stored form of a row's feature values: a format byte, the entry count, then per feature its UTF-8 name and the
/// value as a <see cref="TaggedValue"/> (floats as their exact bit patterns, so NaN payloads and -0 survive).
/// </summary>
/// <remarks>
/// Rows are stored by view name, so every version of a view reads the same rows. The names let a version decode rows
/// written by another: a feature is matched by name and type, and one the row lacks or stores with another type reads as
/// missing. Names cost a few bytes per feature, as Feast's per-feature rows do, and the positional match is tried first.
/// </remarks>
internal static class FeatureValueEncoding
{
    public const byte FormatVersion = 1;

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
            size += VarInt.SizeOf((uint)names[i].Length) + names[i].Length + TaggedValue.Size(values[i]);
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
            position += TaggedValue.Write(span[position..], values[i]);
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
            ReadOnlySpan<byte> name = TaggedValue.Slice(source, position, nameLength);
            position += nameLength;
            byte tag = TaggedValue.Slice(source, position, 1)[0];
            position++;
            object? value = TaggedValue.Read(source, ref position, tag);
            int feature = FindFeature(names, name, entry);
            if (feature >= 0 && value is not null && tag == TaggedValue.Tag(features[feature].Type))
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
}
