using TorchSharp;
using TorchSharp.Modules;

namespace Ml.Sdk.Training.Onnx.Internal;

/// <summary>
/// <c>Linear</c> as <c>MatMul</c> by the transposed weight, then <c>Add</c> of the bias: unlike <c>Gemm</c>, this
/// works for inputs of any rank, as <c>Linear</c> does.
/// </summary>
internal sealed class LinearConverter : ModuleConverter<Linear>
{
    protected override string Convert(OnnxGraphBuilder graph, Linear module, string input, string modulePath)
    {
        string weight = graph.AddInitializer("weight_t", module.weight!.t());
        string output = graph.AddNode("MatMul", [input, weight]);
        return module.bias is null ? output : graph.AddNode("Add", [output, graph.AddInitializer("bias", module.bias)]);
    }
}
