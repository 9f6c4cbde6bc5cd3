using TorchSharp;
using TorchSharp.Modules;

namespace Ml.Sdk.Training.Onnx.Internal;

/// <summary><c>Conv1d</c>, <c>Conv2d</c> and <c>Conv3d</c> as ONNX <c>Conv</c>, with <c>padding="same"</c> made explicit.</summary>
internal sealed class ConvConverter : ModuleConverter<Convolution>
{
    protected override string Convert(OnnxGraphBuilder graph, Convolution module, string input, string modulePath)
    {
        if (module.transposed)
        {
            throw OnnxExportException.ForModule(module, modulePath, "transposed convolutions are not supported.");
        }

        if (module.padding_mode != PaddingModes.Zeros)
        {
            throw OnnxExportException.ForModule(module, modulePath,
                $"padding_mode {module.padding_mode} is not supported; only zero padding maps to ONNX Conv.");
        }

        long[] kernel = module.kernel_size;
        int spatial = kernel.Length;
        long[] strides = SpatialDims.OrFilled(module.stride, spatial, 1);
        long[] dilations = SpatialDims.OrFilled(module.dilation, spatial, 1);
        long[] pads = Pads(module, kernel, dilations);

        string weight = graph.AddInitializer("weight", module.weight!);
        List<string> inputs = [input, weight];
        if (module.bias is not null)
        {
            inputs.Add(graph.AddInitializer("bias", module.bias));
        }

        return graph.AddNode("Conv", inputs,
            OnnxAttribute.Ints("kernel_shape", kernel),
            OnnxAttribute.Ints("strides", strides),
            OnnxAttribute.Ints("dilations", dilations),
            OnnxAttribute.Ints("pads", pads),
            OnnxAttribute.Int("group", module.groups));
    }

    /// <summary>ONNX pads: all begins, then all ends.</summary>
    private static long[] Pads(Convolution module, long[] kernel, long[] dilations)
    {
        int spatial = kernel.Length;
        switch (module.padding_type)
        {
            case Padding.Valid:
                return SpatialDims.Filled(2 * spatial, 0);
            case Padding.Same:
                long[] pads = new long[2 * spatial];
                // As PyTorch does: the total padding is dilation * (kernel - 1); the smaller half goes first.
                for (int i = 0; i < spatial; i++)
                {
                    long total = dilations[i] * (kernel[i] - 1);
                    pads[i] = total / 2;
                    pads[spatial + i] = total - (total / 2);
                }

                return pads;
            default:
                return SpatialDims.SymmetricPads(SpatialDims.OrFilled(module.padding, spatial, 0));
        }
    }
}
