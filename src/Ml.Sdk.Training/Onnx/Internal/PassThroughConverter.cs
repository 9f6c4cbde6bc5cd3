using TorchSharp;
using TorchSharp.Modules;

namespace Ml.Sdk.Training.Onnx.Internal;

/// <summary>Modules that return their input in eval mode (<c>Identity</c> and the dropouts): no node at all.</summary>
internal sealed class PassThroughConverter : IOnnxModuleConverter
{
    public bool CanConvert(torch.nn.Module module) =>
        module is Identity or Dropout or Dropout1d or Dropout2d or Dropout3d or AlphaDropout;

    public string Convert(OnnxGraphBuilder graph, torch.nn.Module module, string input, string modulePath) => input;
}
