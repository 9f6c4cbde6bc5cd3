using Ml.Sdk.Training.Onnx;
using TorchSharp;

namespace Ml.Sdk.Training.Tests.Onnx;

/// <summary>Exports <see cref="Scale"/> as one <c>Mul</c> by a scalar constant.</summary>
public sealed class ScaleConverter : IOnnxModuleConverter
{
    public bool CanConvert(torch.nn.Module module) => module is Scale;

    public string Convert(OnnxGraphBuilder graph, torch.nn.Module module, string input, string modulePath)
    {
        string factor = graph.AddInitializer("factor", [((Scale)module).Factor], []);
        return graph.AddNode("Mul", [input, factor]);
    }
}
