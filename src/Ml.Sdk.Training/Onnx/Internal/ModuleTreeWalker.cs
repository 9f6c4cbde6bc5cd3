using System.Runtime.InteropServices;
using TorchSharp;
using TorchSharp.Modules;

namespace Ml.Sdk.Training.Onnx.Internal;

/// <summary>
/// Walks a model depth-first: a <c>Sequential</c> (unless a converter claims it) chains its children; any other module
/// goes to the first converter that claims it. Alongside, it runs the model's forward pass module by module on a
/// sample batch, so that each converter knows its input's shape and the walk ends with the model's output.
/// </summary>
internal sealed class ModuleTreeWalker
{
    private readonly OnnxGraphBuilder _graph;
    private readonly IReadOnlyList<IOnnxModuleConverter> _converters;

    public ModuleTreeWalker(OnnxGraphBuilder graph, IReadOnlyList<IOnnxModuleConverter> converters)
    {
        _graph = graph;
        _converters = converters;
    }

    /// <summary>Converts <paramref name="module"/> and returns its output value and its output on the sample.</summary>
    public (string Output, torch.Tensor Sample) Walk(torch.nn.Module module, string input, string path, torch.Tensor sample)
    {
        IOnnxModuleConverter? converter = Find(module);
        if (converter is null && module is Sequential)
        {
            foreach ((string name, torch.nn.Module child) in module.named_children())
            {
                (input, sample) = Walk(child, input, path.Length == 0 ? name : $"{path}.{name}", sample);
            }

            return (input, sample);
        }

        if (converter is null)
        {
            throw OnnxExportException.ForModule(module, path,
                "no converter handles this module type. Supported: Sequential, Identity, Linear, Conv1d/2d/3d, MaxPool1d/2d, " +
                "AvgPool1d/2d, BatchNorm1d/2d/3d, Flatten, Dropout, ReLU, LeakyReLU, GELU, Sigmoid, Tanh, Softmax, LogSoftmax; " +
                "add an IOnnxModuleConverter to OnnxExportOptions.Converters for others.");
        }

        if (module is not torch.nn.IModule<torch.Tensor, torch.Tensor> forward)
        {
            throw OnnxExportException.ForModule(module, path, "its forward pass does not take and return one tensor.");
        }

        _graph.RecordShape(input, sample.shape);
        torch.Tensor output;
        try
        {
            output = forward.call(sample);
        }
        catch (Exception ex) when (ex is ExternalException or ArgumentException or InvalidOperationException)
        {
            throw OnnxExportException.ForModule(module, path,
                $"its forward pass failed on an input of shape [{string.Join(',', sample.shape)}]: {ex.Message}", ex);
        }

        string outputName = Convert(converter, module, input, path);
        _graph.RecordShape(outputName, output.shape);
        return (outputName, output);
    }

    private string Convert(IOnnxModuleConverter converter, torch.nn.Module module, string input, string path)
    {
        _graph.Scope = path;
        try
        {
            string output = converter.Convert(_graph, module, input, path);
            if (output is null || !_graph.HasValue(output))
            {
                throw OnnxExportException.ForModule(module, path,
                    $"converter {converter.GetType().FullName} returned '{output}', which names no value of the graph.");
            }

            return output;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or NotSupportedException)
        {
            throw OnnxExportException.ForModule(module, path, ex.Message, ex);
        }
        finally
        {
            _graph.Scope = string.Empty;
        }
    }

    private IOnnxModuleConverter? Find(torch.nn.Module module)
    {
        foreach (IOnnxModuleConverter converter in _converters)
        {
            if (converter.CanConvert(module))
            {
                return converter;
            }
        }

        return null;
    }
}
