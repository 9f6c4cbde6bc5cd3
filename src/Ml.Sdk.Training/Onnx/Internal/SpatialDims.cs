namespace Ml.Sdk.Training.Onnx.Internal;

/// <summary>Per-spatial-dimension attribute lists, filled in where TorchSharp leaves a default unset.</summary>
internal static class SpatialDims
{
    public static long[] Filled(int length, long value)
    {
        long[] values = new long[length];
        Array.Fill(values, value);
        return values;
    }

    public static long[] OrFilled(long[]? values, int length, long value) => values ?? Filled(length, value);

    /// <summary>ONNX <c>pads</c> from a symmetric padding: all begins, then all ends.</summary>
    public static long[] SymmetricPads(long[] padding) => [.. padding, .. padding];
}
