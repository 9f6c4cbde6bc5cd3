using Microsoft.ML.OnnxRuntime;
using Ml.Sdk.Core.Tensors;

namespace Ml.Sdk.Serving.Internal;

/// <summary>Reads a session's inputs and outputs as a Core <see cref="ModelSignature"/> (dynamic dimensions as -1).</summary>
internal static class OnnxSignatureReader
{
    public static ModelSignature Read(InferenceSession session, string modelName)
    {
        return new ModelSignature(
            session.InputMetadata.Select(pair => ToSpec(pair.Key, pair.Value, modelName, "input")),
            session.OutputMetadata.Select(pair => ToSpec(pair.Key, pair.Value, modelName, "output")));
    }

    private static TensorSpec ToSpec(string name, NodeMetadata metadata, string modelName, string kind)
    {
        if (!metadata.IsTensor)
        {
            throw new NotSupportedException($"Model '{modelName}' {kind} '{name}' is a {metadata.OnnxValueType}; Serving handles tensors only.");
        }

        var elementType = (TensorElementType)(int)metadata.ElementDataType;
        if (elementType is TensorElementType.String or TensorElementType.Undefined || !Enum.IsDefined(elementType))
        {
            throw new NotSupportedException(
                $"Model '{modelName}' {kind} '{name}' has element type {metadata.ElementDataType}; Serving handles numeric and bool tensors.");
        }

        long[] shape = new long[metadata.Dimensions.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            shape[i] = metadata.Dimensions[i] < 0 ? TensorSpec.DynamicDimension : metadata.Dimensions[i];
        }

        return new TensorSpec(name, elementType, shape);
    }
}
