using TorchSharp.Modules;

namespace Ml.Sdk.Training.Onnx.Internal;

/// <summary>
/// <c>Flatten(start_dim, -1)</c>: ONNX <c>Flatten(axis=1)</c> when <c>start_dim</c> is 1 (the usual case after a
/// convolution stack); otherwise <c>Reshape</c> to <c>[0] * start_dim + [-1]</c>, which keeps the leading
/// dimensions, whatever the batch size.
/// </summary>
internal sealed class FlattenConverter : ModuleConverter<Flatten>
{
    protected override string Convert(OnnxGraphBuilder graph, Flatten module, string input, string modulePath)
    {
        if (!graph.TryGetShape(input, out long[] shape))
        {
            throw OnnxExportException.ForModule(module, modulePath, "the rank of its input is unknown.");
        }

        int rank = shape.Length;
        long start = module.start_dim < 0 ? module.start_dim + rank : module.start_dim;
        long end = module.end_dim < 0 ? module.end_dim + rank : module.end_dim;
        if (end != rank - 1)
        {
            throw OnnxExportException.ForModule(module, modulePath,
                $"end_dim={module.end_dim} is not supported; only flattening through the last dimension (end_dim=-1) is.");
        }

        if (start < 0 || start >= rank)
        {
            throw OnnxExportException.ForModule(module, modulePath, $"start_dim={module.start_dim} is outside an input of rank {rank}.");
        }

        if (start == 1)
        {
            return graph.AddNode("Flatten", [input], OnnxAttribute.Int("axis", 1));
        }

        long[] target = new long[start + 1];
        target[^1] = -1;
        string targetShape = graph.AddInitializer("shape", target, [target.Length]);
        return graph.AddNode("Reshape", [input, targetShape]);
    }
}
