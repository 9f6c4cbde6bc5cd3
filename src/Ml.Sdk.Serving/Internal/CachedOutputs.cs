using System.Buffers.Binary;

namespace Ml.Sdk.Serving.Internal;

/// <summary>Outputs stored in the result cache: per output its rank, lengths and bytes. Read back as an <see cref="IOutputReader"/>.</summary>
internal sealed class CachedOutputs : IOutputReader
{
    private readonly long[][] _shapes;
    private readonly ArraySegment<byte>[] _data;

    private CachedOutputs(long[][] shapes, ArraySegment<byte>[] data)
    {
        _shapes = shapes;
        _data = data;
    }

    public static byte[] Serialize(LoadedVersion version, IOutputReader outputs, int rowOffset, int rows)
    {
        int count = version.Signature.Outputs.Length;
        int size = 4;
        for (int i = 0; i < count; i++)
        {
            size += 4 + (8 * outputs.GetRank(i)) + 4 + outputs.GetRows(i, rowOffset, rows).Length;
        }

        byte[] payload = new byte[size];
        Span<byte> span = payload;
        BinaryPrimitives.WriteInt32LittleEndian(span, count);
        int at = 4;
        for (int i = 0; i < count; i++)
        {
            int rank = outputs.GetRank(i);
            long[] shape = new long[rank];
            outputs.GetShape(i, rows, shape);
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], rank);
            at += 4;
            foreach (long length in shape)
            {
                BinaryPrimitives.WriteInt64LittleEndian(span[at..], length);
                at += 8;
            }

            ReadOnlySpan<byte> data = outputs.GetRows(i, rowOffset, rows);
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], data.Length);
            at += 4;
            data.CopyTo(span[at..]);
            at += data.Length;
        }

        return payload;
    }

    /// <summary>Reads a payload; <see langword="null"/> when it does not fit the signature (a stale or foreign entry).</summary>
    public static CachedOutputs? TryRead(byte[] payload, LoadedVersion version)
    {
        try
        {
            ReadOnlySpan<byte> span = payload;
            int count = BinaryPrimitives.ReadInt32LittleEndian(span);
            if (count != version.Signature.Outputs.Length)
            {
                return null;
            }

            var shapes = new long[count][];
            var data = new ArraySegment<byte>[count];
            int at = 4;
            for (int i = 0; i < count; i++)
            {
                int rank = BinaryPrimitives.ReadInt32LittleEndian(span[at..]);
                at += 4;
                shapes[i] = new long[rank];
                for (int d = 0; d < rank; d++)
                {
                    shapes[i][d] = BinaryPrimitives.ReadInt64LittleEndian(span[at..]);
                    at += 8;
                }

                int length = BinaryPrimitives.ReadInt32LittleEndian(span[at..]);
                at += 4;
                data[i] = new ArraySegment<byte>(payload, at, length);
                at += length;
            }

            return new CachedOutputs(shapes, data);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    public ReadOnlySpan<byte> GetRows(int output, int rowOffset, int rows) => _data[output];

    public void GetShape(int output, int rows, Span<long> shape) => _shapes[output].CopyTo(shape);

    public int GetRank(int output) => _shapes[output].Length;
}
