using Microsoft.Extensions.Logging;
using Ml.Sdk.Core.Tensors;

namespace Ml.Sdk.Training.Onnx.Internal;

internal static partial class OnnxExportLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Information,
        Message = "Exported model {ModelName} to ONNX opset {Opset}: {NodeCount} nodes, {InitializerCount} initializers, signature {Signature}")]
    public static partial void Exported(ILogger logger, string modelName, int opset, int nodeCount, int initializerCount, ModelSignature signature);
}
