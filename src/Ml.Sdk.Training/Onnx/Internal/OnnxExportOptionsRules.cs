using Microsoft.Extensions.Options;
using Ml.Sdk.Core.Tensors;

namespace Ml.Sdk.Training.Onnx.Internal;

/// <summary>Checks <see cref="OnnxExportOptions"/> before an export: the annotated rules, then those across properties.</summary>
internal static class OnnxExportOptionsRules
{
    private static readonly OnnxExportOptionsValidator s_annotations = new();

    public static void ThrowIfInvalid(OnnxExportOptions options)
    {
        ValidateOptionsResult result = s_annotations.Validate(null, options);
        if (result.Failed)
        {
            throw new ArgumentException($"Invalid ONNX export options: {result.FailureMessage}", nameof(options));
        }

        TensorSpec input = options.Input;
        if (input.ElementType != TensorElementType.Float32)
        {
            throw new ArgumentException(
                $"The ONNX exporter supports float32 inputs only; input {input} has element type " +
                $"{TensorElementTypes.GetName(input.ElementType)}.", nameof(options));
        }

        if (!input.HasDynamicBatchDimension)
        {
            throw new ArgumentException(
                $"Input {input} must have a dynamic first (batch) dimension, -1, so that the exported model accepts any batch size.",
                nameof(options));
        }

        for (int i = 1; i < input.Rank; i++)
        {
            if (input.Shape[i] == TensorSpec.DynamicDimension)
            {
                throw new ArgumentException(
                    $"Input {input} dimension {i} is dynamic; only the batch dimension may be, the others need a fixed length.",
                    nameof(options));
            }
        }

        if (string.Equals(options.OutputName, input.Name, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The output name '{options.OutputName}' is also the input's name.", nameof(options));
        }

        if (options.Metadata.ContainsKey(OnnxExporter.SignatureMetadataKey))
        {
            throw new ArgumentException(
                $"Metadata key '{OnnxExporter.SignatureMetadataKey}' is reserved for the signature the exporter writes.", nameof(options));
        }

        foreach (IOnnxModuleConverter? converter in options.Converters)
        {
            if (converter is null)
            {
                throw new ArgumentException("A converter in OnnxExportOptions.Converters is null.", nameof(options));
            }
        }
    }
}
