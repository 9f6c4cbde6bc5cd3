using System.Reflection;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ml.Sdk.Core.Tensors;
using Ml.Sdk.Training.Onnx.Internal;
using Ml.Sdk.Training.Onnx.Internal.Proto;
using TorchSharp;

namespace Ml.Sdk.Training.Onnx;

/// <summary>
/// Writes a trained TorchSharp model as an ONNX model that ONNX Runtime (and so Ml.Sdk.Serving) loads, with a dynamic
/// batch dimension and the model's <see cref="ModelSignature"/> stored in its metadata.
/// </summary>
/// <remarks>
/// The model is converted module by module: <c>Sequential</c> compositions (nested too) of the built-in module types
/// listed in <c>docs/onnx-export.md</c>, plus any the caller's <see cref="OnnxExportOptions.Converters"/> handle. The
/// whole model is converted in memory first, so a module that cannot be exported fails the call before anything is
/// written. The export runs the model in eval mode and restores each module's training flag afterwards.
/// </remarks>
public sealed class OnnxExporter
{
    /// <summary>The metadata key under which the model's signature is stored, as <see cref="ModelSignatureJson"/> text.</summary>
    public const string SignatureMetadataKey = "ml_sdk.signature";

    private const string ProducerName = "Ml.Sdk.Training";
    private const string BatchDimensionName = "batch";

    private static readonly string s_producerVersion =
        typeof(OnnxExporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    private readonly ILogger _logger;

    /// <summary>Creates an exporter.</summary>
    /// <param name="logger">Where to log each export; none when <see langword="null"/>.</param>
    public OnnxExporter(ILogger<OnnxExporter>? logger = null)
    {
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Exports <paramref name="model"/> as an ONNX model written to <paramref name="destination"/>.</summary>
    /// <param name="model">The trained model; its parameters are read, not changed.</param>
    /// <param name="destination">A writable stream; the model is written at its current position and the stream is left open.</param>
    /// <param name="options">The input spec and how to write the model.</param>
    /// <returns>The signature and what the graph holds.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The options are invalid: an input that is not float32, whose first dimension is not -1 or whose other dimensions
    /// are not fixed, an opset outside 17 to 21, a reserved metadata key; or the stream is not writable.
    /// </exception>
    /// <exception cref="OnnxExportException">
    /// A module cannot be exported; the exception names its type and path. Nothing has been written.
    /// </exception>
    public OnnxExportResult Export(torch.nn.Module<torch.Tensor, torch.Tensor> model, Stream destination, OnnxExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (!destination.CanWrite)
        {
            throw new ArgumentException("The destination stream is not writable.", nameof(destination));
        }

        (ModelProto proto, OnnxExportResult result) = Build(model, options);
        proto.WriteTo(destination);
        destination.Flush();
        Log(options, result);
        return result;
    }

    /// <summary>
    /// Exports <paramref name="model"/> as an ONNX file at <paramref name="path"/>, replacing any file there. The model is
    /// written to a temporary file in the same folder, then renamed, so that the path never holds a partial model.
    /// </summary>
    /// <param name="model">The trained model; its parameters are read, not changed.</param>
    /// <param name="path">The file to write; its folder must exist.</param>
    /// <param name="options">The input spec and how to write the model.</param>
    /// <returns>The signature and what the graph holds.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The path is empty, or the options are invalid (see the stream overload).</exception>
    /// <exception cref="OnnxExportException">
    /// A module cannot be exported; the exception names its type and path. No file has been created or changed.
    /// </exception>
    /// <exception cref="IOException">The file could not be written; no partial file is left behind.</exception>
    public OnnxExportResult Export(torch.nn.Module<torch.Tensor, torch.Tensor> model, string path, OnnxExportOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string fullPath = Path.GetFullPath(path);
        (ModelProto proto, OnnxExportResult result) = Build(model, options);

        string folder = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"'{path}' names no file.", nameof(path));
        string temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        bool moved = false;
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                proto.WriteTo(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
            moved = true;
        }
        finally
        {
            if (!moved && File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }

        Log(options, result);
        return result;
    }

    private static (ModelProto Proto, OnnxExportResult Result) Build(torch.nn.Module<torch.Tensor, torch.Tensor> model, OnnxExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        OnnxExportOptionsRules.ThrowIfInvalid(options);

        TensorSpec input = options.Input;
        var graphProto = new GraphProto { Name = options.ModelName };
        var graph = new OnnxGraphBuilder(graphProto, options.Opset);
        graph.AddGraphInputValue(input.Name);
        graph.ReserveName(options.OutputName);
        List<IOnnxModuleConverter> converters = [.. options.Converters, .. BuiltInConverters.All];

        TensorSpec output;
        using (torch.NewDisposeScope())
        using (torch.no_grad())
        using (TrainingModeScope.Eval(model))
        {
            long[] sampleShape = [1, .. input.Shape.AsSpan()[1..]];
            torch.Tensor sample = torch.zeros(sampleShape, torch.ScalarType.Float32, SampleDevice(model));
            (string last, torch.Tensor result) = new ModuleTreeWalker(graph, converters).Walk(model, input.Name, string.Empty, sample);
            if (result.dtype != torch.ScalarType.Float32 || result.dim() == 0)
            {
                throw OnnxExportException.ForModule(model, string.Empty,
                    $"its output is a {result.dtype} tensor of shape [{string.Join(',', result.shape)}]; the exporter needs a float32 " +
                    "output with a batch dimension.");
            }

            if (!graph.IsNodeOutput(last))
            {
                last = graph.AddNode("Identity", [last]);
            }

            graph.RenameValue(last, options.OutputName);
            output = new TensorSpec(options.OutputName, TensorElementType.Float32, [TensorSpec.DynamicDimension, .. result.shape.AsSpan(1)]);
        }

        var signature = new ModelSignature([input], [output]);
        graphProto.Input.Add(ValueInfo(input));
        graphProto.Output.Add(ValueInfo(output));
        ModelProto proto = Model(graphProto, signature, options);
        return (proto, new OnnxExportResult(signature, options.Opset, graph.NodeCount, graph.InitializerCount));
    }

    private static ModelProto Model(GraphProto graph, ModelSignature signature, OnnxExportOptions options)
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion(options.Opset),
            ProducerName = ProducerName,
            ProducerVersion = s_producerVersion,
            Graph = graph,
        };
        if (options.Description is not null)
        {
            model.DocString = options.Description;
        }

        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = options.Opset });
        model.MetadataProps.Add(new StringStringEntryProto { Key = SignatureMetadataKey, Value = ModelSignatureJson.Serialize(signature) });
        foreach (KeyValuePair<string, string> entry in options.Metadata.OrderBy(static e => e.Key, StringComparer.Ordinal))
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = entry.Key, Value = entry.Value ?? string.Empty });
        }

        return model;
    }

    /// <summary>The lowest IR version that can carry the opset, so that older runtimes load the model too.</summary>
    private static long IrVersion(int opset) => opset switch
    {
        <= 18 => 8,
        <= 20 => 9,
        _ => 10,
    };

    private static ValueInfoProto ValueInfo(TensorSpec spec)
    {
        var shape = new TensorShapeProto();
        foreach (long dim in spec.Shape)
        {
            shape.Dim.Add(dim == TensorSpec.DynamicDimension
                ? new TensorShapeProto.Types.Dimension { DimParam = BatchDimensionName }
                : new TensorShapeProto.Types.Dimension { DimValue = dim });
        }

        return new ValueInfoProto
        {
            Name = spec.Name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)spec.ElementType, Shape = shape } },
        };
    }

    private static torch.Device SampleDevice(torch.nn.Module model)
    {
        foreach (TorchSharp.Modules.Parameter parameter in model.parameters())
        {
            return parameter.device;
        }

        return torch.CPU;
    }

    private void Log(OnnxExportOptions options, OnnxExportResult result) =>
        OnnxExportLog.Exported(_logger, options.ModelName, result.Opset, result.NodeCount, result.InitializerCount, result.Signature);
}
