using TorchSharp;
using TorchSharp.Modules;

namespace Ml.Sdk.Training.Onnx.Internal;

/// <summary>
/// <c>BatchNorm1d</c>/<c>2d</c>/<c>3d</c> in eval mode as <c>BatchNormalization</c> over the running statistics;
/// without affine parameters, scale is ones and bias zeros.
/// </summary>
internal sealed class BatchNormConverter : ModuleConverter<BatchNorm>
{
    protected override string Convert(OnnxGraphBuilder graph, BatchNorm module, string input, string modulePath)
    {
        if (!module.track_running_stats || module.running_mean is null || module.running_var is null)
        {
            throw OnnxExportException.ForModule(module, modulePath,
                "it has no running statistics (track_running_stats=false), so eval mode normalizes with batch statistics, " +
                "which ONNX BatchNormalization in inference mode cannot express.");
        }

        long features = module.num_features;
        string scale = module.weight is null
            ? graph.AddInitializer("weight", Constant(features, 1f), [features])
            : graph.AddInitializer("weight", module.weight);
        string bias = module.bias is null
            ? graph.AddInitializer("bias", Constant(features, 0f), [features])
            : graph.AddInitializer("bias", module.bias);
        string mean = graph.AddInitializer("running_mean", module.running_mean);
        string variance = graph.AddInitializer("running_var", module.running_var);
        return graph.AddNode("BatchNormalization", [input, scale, bias, mean, variance], OnnxAttribute.Float("epsilon", (float)module.eps));
    }

    private static float[] Constant(long length, float value)
    {
        float[] values = new float[checked((int)length)];
        Array.Fill(values, value);
        return values;
    }
}
