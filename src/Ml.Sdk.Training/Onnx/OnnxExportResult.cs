using Ml.Sdk.Core.Tensors;

namespace Ml.Sdk.Training.Onnx;

/// <summary>What an export wrote.</summary>
/// <param name="Signature">
/// The model's inputs and outputs, also stored in the model under <see cref="OnnxExporter.SignatureMetadataKey"/>; give
/// it to the Registry with the model file.
/// </param>
/// <param name="Opset">The ONNX operator set version the model imports.</param>
/// <param name="NodeCount">The number of nodes in the graph.</param>
/// <param name="InitializerCount">The number of constant tensors (weights, biases, statistics, shapes) in the graph.</param>
public sealed record OnnxExportResult(ModelSignature Signature, int Opset, int NodeCount, int InitializerCount);
