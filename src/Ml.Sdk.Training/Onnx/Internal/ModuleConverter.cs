using TorchSharp;

namespace Ml.Sdk.Training.Onnx.Internal;

/// <summary>A built-in converter for one module type (and its subclasses).</summary>
/// <typeparam name="TModule">The module type.</typeparam>
internal abstract class ModuleConverter<TModule> : IOnnxModuleConverter
    where TModule : torch.nn.Module
{
    public bool CanConvert(torch.nn.Module module) => module is TModule;

    public string Convert(OnnxGraphBuilder graph, torch.nn.Module module, string input, string modulePath) =>
        Convert(graph, (TModule)module, input, modulePath);

    protected abstract string Convert(OnnxGraphBuilder graph, TModule module, string input, string modulePath);
}
