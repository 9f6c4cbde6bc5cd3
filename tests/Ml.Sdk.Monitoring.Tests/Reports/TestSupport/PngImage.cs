using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Ml.Sdk.Monitoring.Tests.Reports.TestSupport;

/// <summary>
/// A decoded PNG, enough of the format to read what a browser's screenshot writes: 8-bit greyscale, grey+alpha, RGB or
/// RGBA, not interlaced. Chunk CRCs are not checked; a damaged file still fails on its zlib checksum or its size.
/// </summary>
internal sealed class PngImage
{
    private static readonly byte[] s_signature = [137, 80, 78, 71, 13, 10, 26, 10];

    private readonly byte[] _rgba;

    private PngImage(int width, int height, byte[] rgba)
    {
        Width = width;
        Height = height;
        _rgba = rgba;
    }

    public int Width { get; }

    public int Height { get; }

    public (byte R, byte G, byte B, byte A) this[int x, int y]
    {
        get
        {
            int i = ((y * Width) + x) * 4;
            return (_rgba[i], _rgba[i + 1], _rgba[i + 2], _rgba[i + 3]);
        }
    }

    /// <summary>Reads the width and height from the IHDR chunk, which the format requires to come first.</summary>
    public static (int Width, int Height) ReadSize(byte[] png)
    {
        CheckSignature(png);
        string type = Encoding.ASCII.GetString(png, 12, 4);
        if (type != "IHDR")
        {
            throw new InvalidDataException($"The first chunk is {type}, not IHDR.");
        }

        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    public static PngImage Decode(byte[] png)
    {
        CheckSignature(png);
        int width = 0, height = 0, channels = 0;
        using var compressed = new MemoryStream();
        int offset = s_signature.Length;
        while (offset + 12 <= png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            string type = Encoding.ASCII.GetString(png, offset + 4, 4);
            ReadOnlySpan<byte> data = png.AsSpan(offset + 8, length);
            offset += 12 + length;
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                byte bitDepth = data[8];
                byte colorType = data[9];
                byte interlace = data[12];
                channels = colorType switch
                {
                    0 => 1,
                    2 => 3,
                    4 => 2,
                    6 => 4,
                    _ => throw new NotSupportedException($"PNG colour type {colorType} is not supported."),
                };
                if (bitDepth != 8 || interlace != 0)
                {
                    throw new NotSupportedException($"Only 8-bit, non-interlaced PNGs are supported (bit depth {bitDepth}, interlace {interlace}).");
                }
            }
            else if (type == "IDAT")
            {
                compressed.Write(data);
            }
            else if (type == "IEND")
            {
                break;
            }
        }

        if (channels == 0)
        {
            throw new InvalidDataException("The PNG has no IHDR chunk.");
        }

        int stride = width * channels;
        byte[] raw = Inflate(compressed, (stride + 1) * height);
        byte[] pixels = Unfilter(raw, stride, height, channels);
        return new PngImage(width, height, ToRgba(pixels, width * height, channels));
    }

    private static void CheckSignature(byte[] png)
    {
        if (png.Length < 33 || !png.AsSpan(0, s_signature.Length).SequenceEqual(s_signature))
        {
            throw new InvalidDataException("Not a PNG file.");
        }
    }

    private static byte[] Inflate(MemoryStream compressed, int expectedLength)
    {
        compressed.Position = 0;
        using var zlib = new ZLibStream(compressed, CompressionMode.Decompress);
        var raw = new byte[expectedLength];
        zlib.ReadExactly(raw);
        return raw;
    }

    private static byte[] Unfilter(byte[] raw, int stride, int height, int bytesPerPixel)
    {
        var pixels = new byte[stride * height];
        for (int y = 0; y < height; y++)
        {
            byte filter = raw[y * (stride + 1)];
            ReadOnlySpan<byte> source = raw.AsSpan((y * (stride + 1)) + 1, stride);
            Span<byte> row = pixels.AsSpan(y * stride, stride);
            ReadOnlySpan<byte> above = y == 0 ? new byte[stride] : pixels.AsSpan((y - 1) * stride, stride);
            for (int i = 0; i < stride; i++)
            {
                int left = i >= bytesPerPixel ? row[i - bytesPerPixel] : 0;
                int up = above[i];
                int upLeft = i >= bytesPerPixel ? above[i - bytesPerPixel] : 0;
                int predictor = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"Row {y} has the unknown filter type {filter}."),
                };
                row[i] = (byte)(source[i] + predictor);
            }
        }

        return pixels;
    }

    internal static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a);
        int pb = Math.Abs(p - b);
        int pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static byte[] ToRgba(byte[] pixels, int count, int channels)
    {
        var rgba = new byte[count * 4];
        for (int p = 0; p < count; p++)
        {
            int s = p * channels;
            int d = p * 4;
            switch (channels)
            {
                case 1:
                    rgba[d] = rgba[d + 1] = rgba[d + 2] = pixels[s];
                    rgba[d + 3] = 255;
                    break;
                case 2:
                    rgba[d] = rgba[d + 1] = rgba[d + 2] = pixels[s];
                    rgba[d + 3] = pixels[s + 1];
                    break;
                case 3:
                    rgba[d] = pixels[s];
                    rgba[d + 1] = pixels[s + 1];
                    rgba[d + 2] = pixels[s + 2];
                    rgba[d + 3] = 255;
                    break;
                default:
                    pixels.AsSpan(s, 4).CopyTo(rgba.AsSpan(d, 4));
                    break;
            }
        }

        return rgba;
    }
}
