namespace Ml.Sdk.FeatureStore.Online.Internal;

/// <summary>Unsigned LEB128 lengths and counts: one byte below 128, which is nearly every name and string.</summary>
internal static class VarInt
{
    public static int SizeOf(uint value)
    {
        int size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    public static int Write(Span<byte> destination, uint value)
    {
        int written = 0;
        while (value >= 0x80)
        {
            destination[written++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[written++] = (byte)value;
        return written;
    }

    /// <exception cref="InvalidDataException">The bytes end early or encode more than 32 bits.</exception>
    public static uint Read(ReadOnlySpan<byte> source, ref int position)
    {
        uint value = 0;
        for (int shift = 0; shift < 35; shift += 7)
        {
            if (position >= source.Length)
            {
                throw new InvalidDataException("A stored online row ends inside a length.");
            }

            byte b = source[position++];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("A stored online row has a length longer than 32 bits.");
    }
}
