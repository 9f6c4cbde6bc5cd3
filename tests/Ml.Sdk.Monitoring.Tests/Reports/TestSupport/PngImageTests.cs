using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Ml.Sdk.Monitoring.Tests.Reports.TestSupport;

/// <summary>The screenshot check is only as good as the decoder: round-trip images through every PNG filter.</summary>
public sealed class PngImageTests
{
    [Theory]
    [InlineData(2, 3)]
    [InlineData(6, 4)]
    [InlineData(0, 1)]
    [InlineData(4, 2)]
    public void Decode_EveryFilterType_RecoversThePixels(byte colorType, int channels)
    {
        const int Width = 7, Height = 10;
        var random = new Random(20250304);
        var pixels = new byte[Width * Height * channels];
        random.NextBytes(pixels);

        PngImage image = PngImage.Decode(Encode(Width, Height, colorType, channels, pixels));

        Assert.Equal((Width, Height), (image.Width, image.Height));
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                int i = ((y * Width) + x) * channels;
                (byte r, byte g, byte b, byte a) = image[x, y];
                (byte R, byte G, byte B, byte A) expected = channels switch
                {
                    1 => (pixels[i], pixels[i], pixels[i], (byte)255),
                    2 => (pixels[i], pixels[i], pixels[i], pixels[i + 1]),
                    3 => (pixels[i], pixels[i + 1], pixels[i + 2], (byte)255),
                    _ => (pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]),
                };
                Assert.Equal(expected, (r, g, b, a));
            }
        }
    }

    [Fact]
    public void ReadSize_Header_ReturnsWidthAndHeight()
    {
        byte[] png = Encode(300, 2, 6, 4, new byte[300 * 2 * 4]);

        Assert.Equal((300, 2), PngImage.ReadSize(png));
    }

    [Fact]
    public void Decode_NotAPng_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => PngImage.Decode(Encoding.ASCII.GetBytes("<!DOCTYPE html><html></html> padding")));
    }

    /// <summary>Encodes with filter type <c>row % 5</c>, so that ten rows use each of the five filters twice.</summary>
    private static byte[] Encode(int width, int height, byte colorType, int channels, byte[] pixels)
    {
        int stride = width * channels;
        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (int y = 0; y < height; y++)
            {
                byte filter = (byte)(y % 5);
                zlib.WriteByte(filter);
                for (int i = 0; i < stride; i++)
                {
                    int x = pixels[(y * stride) + i];
                    int a = i >= channels ? pixels[(y * stride) + i - channels] : 0;
                    int b = y > 0 ? pixels[((y - 1) * stride) + i] : 0;
                    int c = y > 0 && i >= channels ? pixels[((y - 1) * stride) + i - channels] : 0;
                    int predictor = filter switch
                    {
                        0 => 0,
                        1 => a,
                        2 => b,
                        3 => (a + b) / 2,
                        _ => PngImage.Paeth(a, b, c),
                    };
                    zlib.WriteByte((byte)(x - predictor));
                }
            }
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = colorType;

        using var png = new MemoryStream();
        png.Write([137, 80, 78, 71, 13, 10, 26, 10]);
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", raw.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(MemoryStream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        png.Write(Encoding.ASCII.GetBytes(type));
        png.Write(data);
        png.Write([0, 0, 0, 0]); // The decoder does not check CRCs.
    }
}
