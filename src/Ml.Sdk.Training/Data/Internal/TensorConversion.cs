using System.Numerics.Tensors;
using TorchSharp;

namespace Ml.Sdk.Training.Data.Internal;

/// <summary>Copies Core's <see cref="Tensor{T}"/> into TorchSharp tensors (libtorch needs its own memory).</summary>
internal static class TensorConversion
{
    public static torch.Tensor ToTorch(Tensor<float> source)
    {
        float[] data = new float[checked((int)source.FlattenedLength)];
        source.FlattenTo(data);
        return torch.tensor(data, DimsOf(source.Lengths));
    }

    public static torch.Tensor ToTorch(Tensor<long> source)
    {
        long[] data = new long[checked((int)source.FlattenedLength)];
        source.FlattenTo(data);
        return torch.tensor(data, DimsOf(source.Lengths));
    }

    private static long[] DimsOf(ReadOnlySpan<nint> lengths)
    {
        long[] dims = new long[lengths.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            dims[i] = lengths[i];
        }

        return dims;
    }
}
