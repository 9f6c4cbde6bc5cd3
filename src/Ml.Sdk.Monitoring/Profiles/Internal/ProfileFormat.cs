using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Ml.Sdk.Monitoring.Profiles.Internal;

/// <summary>
/// The binary format of a <see cref="ReferenceProfile"/>: 8 magic bytes, a little-endian int32 format version, the
/// int64 body length, the body, and the SHA-256 of the body. All numbers little-endian.
/// </summary>
/// <remarks>
/// Body (version 1): row count (int64), bin count (int32), sample limit (int32), seed (int32), column count (int32),
/// then per column: name (7-bit-length-prefixed UTF-8), kind (byte: 0 numeric, 1 categorical) and its summary.
/// Numeric: count, missing (int64), mean, M2 (double), min, max (float), distinct count (int32), exact (bool),
/// low-cardinality values (int32 length, floats, int64 counts), bin edges (int32 length, floats), bin counts (int64 each),
/// sampled (bool), sorted sample (int32 length, floats). Categorical: count, missing (int64), categories (int32
/// length, then label and int64 count each).
/// </remarks>
internal static class ProfileFormat
{
    public const int Version = 1;

    private const int HeaderLength = 8 + 4 + 8;

    private static ReadOnlySpan<byte> Magic => "MLSDKRPF"u8;

    public static async Task WriteAsync(ReferenceProfile profile, Stream destination, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            WriteBody(profile, writer);
        }

        byte[] header = new byte[HeaderLength];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), Version);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(12), body.Length);
        ReadOnlyMemory<byte> bodyBytes = body.GetBuffer().AsMemory(0, (int)body.Length);
        byte[] hash = SHA256.HashData(bodyBytes.Span);

        await destination.WriteAsync(header, cancellationToken).ConfigureAwait(false);
        await destination.WriteAsync(bodyBytes, cancellationToken).ConfigureAwait(false);
        await destination.WriteAsync(hash, cancellationToken).ConfigureAwait(false);
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<ReferenceProfile> ReadAsync(Stream source, CancellationToken cancellationToken)
    {
        byte[] header = new byte[HeaderLength];
        await ReadExactlyAsync(source, header, "header", cancellationToken).ConfigureAwait(false);
        if (!header.AsSpan(0, 8).SequenceEqual(Magic))
        {
            throw new InvalidDataException("The stream is not a reference profile (wrong magic bytes).");
        }

        int version = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8));
        if (version != Version)
        {
            throw new InvalidDataException($"The reference profile has format version {version}; this library reads version {Version}.");
        }

        long length = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(12));
        if (length < 0 || length > Array.MaxLength)
        {
            throw new InvalidDataException($"The reference profile declares a body of {length} bytes, which is not a valid length.");
        }

        // Read in chunks so that a corrupt length on a short stream fails on truncation instead of allocating it all.
        using var body = new MemoryStream((int)Math.Min(length, 1 << 24));
        byte[] chunk = new byte[1 << 20];
        long remaining = length;
        while (remaining > 0)
        {
            int size = (int)Math.Min(remaining, chunk.Length);
            await ReadExactlyAsync(source, chunk.AsMemory(0, size), "body", cancellationToken).ConfigureAwait(false);
            body.Write(chunk, 0, size);
            remaining -= size;
        }

        byte[] expectedHash = new byte[SHA256.HashSizeInBytes];
        await ReadExactlyAsync(source, expectedHash, "checksum", cancellationToken).ConfigureAwait(false);
        ReadOnlySpan<byte> bodyBytes = body.GetBuffer().AsSpan(0, (int)body.Length);
        if (!SHA256.HashData(bodyBytes).AsSpan().SequenceEqual(expectedHash))
        {
            throw new InvalidDataException("The reference profile is corrupt: its SHA-256 checksum does not match its body.");
        }

        body.Position = 0;
        using var reader = new BinaryReader(body, Encoding.UTF8, leaveOpen: true);
        try
        {
            ReferenceProfile profile = ReadBody(reader);
            if (body.Position != body.Length)
            {
                throw new InvalidDataException("The reference profile's body has trailing bytes.");
            }

            return profile;
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or OverflowException or FormatException or DecoderFallbackException)
        {
            throw new InvalidDataException("The reference profile's body is malformed.", e);
        }
    }

    private static async Task ReadExactlyAsync(Stream source, Memory<byte> buffer, string part, CancellationToken cancellationToken)
    {
        try
        {
            await source.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"The reference profile is truncated (its {part} is incomplete).", e);
        }
    }

    private static void WriteBody(ReferenceProfile profile, BinaryWriter writer)
    {
        writer.Write(profile.RowCount);
        writer.Write(profile.Options.QuantileBinCount);
        writer.Write(profile.Options.SortedSampleLimit);
        writer.Write(profile.Options.Seed);
        writer.Write(profile.Columns.Count);
        foreach (ColumnProfile column in profile.Columns)
        {
            writer.Write(column.Name);
            if (column.Numeric is { } numeric)
            {
                writer.Write((byte)0);
                writer.Write(numeric.Count);
                writer.Write(numeric.MissingCount);
                writer.Write(numeric.Mean);
                writer.Write(numeric.M2);
                writer.Write(numeric.Min);
                writer.Write(numeric.Max);
                writer.Write(numeric.DistinctCount);
                writer.Write(numeric.DistinctCountIsExact);
                WriteFloats(writer, numeric.LowCardinalityValues);
                WriteLongs(writer, numeric.LowCardinalityCounts);
                WriteFloats(writer, numeric.BinEdges);
                WriteLongs(writer, numeric.BinCounts);
                writer.Write(numeric.IsSampled);
                WriteFloats(writer, numeric.SortedSample);
            }
            else
            {
                CategoricalColumnProfile categorical = column.Categorical!;
                writer.Write((byte)1);
                writer.Write(categorical.Count);
                writer.Write(categorical.MissingCount);
                writer.Write(categorical.Labels.Length);
                for (int i = 0; i < categorical.Labels.Length; i++)
                {
                    writer.Write(categorical.Labels[i]);
                    writer.Write(categorical.Counts[i]);
                }
            }
        }
    }

    private static ReferenceProfile ReadBody(BinaryReader reader)
    {
        long rowCount = reader.ReadInt64();
        var options = new ReferenceProfileOptions
        {
            QuantileBinCount = reader.ReadInt32(),
            SortedSampleLimit = reader.ReadInt32(),
            Seed = reader.ReadInt32(),
        };
        int columnCount = Length(reader.ReadInt32(), reader);
        var columns = new List<ColumnProfile>(columnCount);
        for (int c = 0; c < columnCount; c++)
        {
            string name = reader.ReadString();
            byte kind = reader.ReadByte();
            if (kind == 0)
            {
                columns.Add(new ColumnProfile(name, new NumericColumnProfile
                {
                    Count = reader.ReadInt64(),
                    MissingCount = reader.ReadInt64(),
                    Mean = reader.ReadDouble(),
                    M2 = reader.ReadDouble(),
                    Min = reader.ReadSingle(),
                    Max = reader.ReadSingle(),
                    DistinctCount = reader.ReadInt32(),
                    DistinctCountIsExact = reader.ReadBoolean(),
                    LowCardinalityValues = ReadFloats(reader),
                    LowCardinalityCounts = ReadLongs(reader),
                    BinEdges = ReadFloats(reader),
                    BinCounts = ReadLongs(reader),
                    IsSampled = reader.ReadBoolean(),
                    SortedSample = ReadFloats(reader),
                }));
            }
            else if (kind == 1)
            {
                long count = reader.ReadInt64();
                long missing = reader.ReadInt64();
                int categories = Length(reader.ReadInt32(), reader);
                string[] labels = new string[categories];
                long[] counts = new long[categories];
                for (int i = 0; i < categories; i++)
                {
                    labels[i] = reader.ReadString();
                    counts[i] = reader.ReadInt64();
                }

                columns.Add(new ColumnProfile(name, new CategoricalColumnProfile
                {
                    Count = count,
                    MissingCount = missing,
                    Labels = labels,
                    Counts = counts,
                }));
            }
            else
            {
                throw new InvalidDataException($"The reference profile's column '{name}' has an unknown kind {kind}.");
            }
        }

        return new ReferenceProfile(rowCount, columns, options);
    }

    private static void WriteFloats(BinaryWriter writer, float[] values)
    {
        writer.Write(values.Length);
        if (BitConverter.IsLittleEndian)
        {
            writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
            return;
        }

        foreach (float value in values)
        {
            writer.Write(value);
        }
    }

    private static void WriteLongs(BinaryWriter writer, long[] values)
    {
        writer.Write(values.Length);
        foreach (long value in values)
        {
            writer.Write(value);
        }
    }

    private static float[] ReadFloats(BinaryReader reader)
    {
        int length = Length(reader.ReadInt32(), reader, sizeof(float));
        float[] values = new float[length];
        if (BitConverter.IsLittleEndian)
        {
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
            return values;
        }

        for (int i = 0; i < length; i++)
        {
            values[i] = reader.ReadSingle();
        }

        return values;
    }

    private static long[] ReadLongs(BinaryReader reader)
    {
        int length = Length(reader.ReadInt32(), reader, sizeof(long));
        long[] values = new long[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = reader.ReadInt64();
        }

        return values;
    }

    // A length can never exceed what is left of the (checksummed) body; checking it keeps a bad length from allocating.
    private static int Length(int length, BinaryReader reader, int elementSize = 1)
    {
        long left = reader.BaseStream.Length - reader.BaseStream.Position;
        if (length < 0 || (long)length * elementSize > left)
        {
            throw new InvalidDataException($"The reference profile's body holds an invalid length {length}.");
        }

        return length;
    }
}
