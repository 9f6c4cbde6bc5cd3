using TorchSharp;
using TorchSharp.Modules;

namespace Ml.Sdk.Training.Onnx.Internal;

/// <summary>Element-wise activations and (log-)softmax, each one ONNX operator.</summary>
internal sealed class ActivationConverter : IOnnxModuleConverter
{
    public bool CanConvert(torch.nn.Module module) =>
        module is ReLU or LeakyReLU or Sigmoid or Tanh or Softmax or LogSoftmax;

    public string Convert(OnnxGraphBuilder graph, torch.nn.Module module, string input, string modulePath) => module switch
    {
        ReLU => graph.AddNode("Relu", [input]),
        LeakyReLU m => graph.AddNode("LeakyRelu", [input], OnnxAttribute.Float("alpha", (float)m.negative_slope)),
        Sigmoid => graph.AddNode("Sigmoid", [input]),
        Tanh => graph.AddNode("Tanh", [input]),
        Softmax m => graph.AddNode("Softmax", [input], OnnxAttribute.Int("axis", m.dim)),
        LogSoftmax m => graph.AddNode("LogSoftmax", [input], OnnxAttribute.Int("axis", m.dim)),
        _ => throw OnnxExportException.ForModule(module, modulePath, "not an activation this converter knows."),
    };
}
