using TorchSharp;

namespace Ml.Sdk.Training.Onnx.Internal;

/// <summary><c>MaxPool1d</c>/<c>MaxPool2d</c> as <c>MaxPool</c>, <c>AvgPool1d</c>/<c>AvgPool2d</c> as <c>AveragePool</c>.</summary>
internal sealed class PoolConverter : IOnnxModuleConverter
{
    public bool CanConvert(torch.nn.Module module) => PoolGeometry.Read(module) is not null;

    public string Convert(OnnxGraphBuilder graph, torch.nn.Module module, string input, string modulePath)
    {
        PoolGeometry pool = PoolGeometry.Read(module)
            ?? throw OnnxExportException.ForModule(module, modulePath, "not a pooling module this converter knows.");
        if (pool.CeilMode)
        {
            // ONNX runtimes have differed from PyTorch on windows that start in the end padding; floor is exact.
            throw OnnxExportException.ForModule(module, modulePath, "ceil_mode=true is not supported; use ceil_mode=false.");
        }

        if (pool.DivisorOverride is not null)
        {
            throw OnnxExportException.ForModule(module, modulePath, "divisor_override has no ONNX AveragePool equivalent.");
        }

        OnnxAttribute kernel = OnnxAttribute.Ints("kernel_shape", pool.Kernel);
        OnnxAttribute strides = OnnxAttribute.Ints("strides", pool.Strides);
        OnnxAttribute pads = OnnxAttribute.Ints("pads", SpatialDims.SymmetricPads(pool.Padding));
        return pool.IsMax
            ? graph.AddNode("MaxPool", [input], kernel, strides, pads, OnnxAttribute.Ints("dilations", pool.Dilations))
            : graph.AddNode("AveragePool", [input], kernel, strides, pads, OnnxAttribute.Int("count_include_pad", pool.CountIncludePad ? 1 : 0));
    }
}
