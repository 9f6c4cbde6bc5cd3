using System.Text;

namespace Ml.Sdk.NativeRuntimes.Tests;

/// <summary>
/// Writes the smallest useful ONNX model, Z = X + Y over float[3], as protobuf bytes by hand (field numbers from
/// the ONNX specification's onnx.proto), so that the ONNX Runtime smoke test needs no model file and no exporter.
/// </summary>
internal static class OnnxModelBytes
{
    public static byte[] AddModel()
    {
        byte[] tensorType = Message(
            Varint(1, 1), // TypeProto.Tensor.elem_type = FLOAT
            Bytes(2, Bytes(1, Varint(1, 3)))); // shape { dim { dim_value: 3 } }
        byte[] type = Bytes(1, tensorType); // TypeProto.tensor_type
        byte[] ValueInfo(string name) => Message(String(1, name), Bytes(2, type));

        byte[] node = Message(String(1, "X"), String(1, "Y"), String(2, "Z"), String(3, "add0"), String(4, "Add"));
        byte[] graph = Message(
            Bytes(1, node),
            String(2, "add"),
            Bytes(11, ValueInfo("X")),
            Bytes(11, ValueInfo("Y")),
            Bytes(12, ValueInfo("Z")));
        return Message(
            Varint(1, 8), // ir_version
            String(2, "ml-sdk-smoke-test"), // producer_name
            Bytes(7, graph),
            Bytes(8, Varint(2, 17))); // opset_import { version: 17 }
    }

    private static byte[] Message(params byte[][] fields) => [.. fields.SelectMany(field => field)];

    private static byte[] String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    private static byte[] Bytes(int field, byte[] payload) =>
        [.. Raw((ulong)((field << 3) | 2)), .. Raw((ulong)payload.Length), .. payload];

    private static byte[] Varint(int field, ulong value) => [.. Raw((ulong)(field << 3)), .. Raw(value)];

    private static byte[] Raw(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            byte next = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? next : (byte)(next | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }
}
