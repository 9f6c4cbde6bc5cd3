using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.ML.OnnxRuntime;
using Ml.Sdk.Core.Tensors;
using Ml.Sdk.Training.Onnx;
using Ml.Sdk.Training.Onnx.Internal.Proto;
using TorchSharp;
using static TorchSharp.torch.nn;

namespace Ml.Sdk.Training.Tests.Onnx;

public sealed class OnnxExporterSignatureTests
{
    [Fact]
    public void Export_Mlp_ReturnsSignatureWithDynamicBatchOutput()
    {
        using var model = Sequential(Linear(5, 4), ReLU(), Linear(4, 3));

        OrtComparison.Export(model, OrtComparison.Options([5]), out OnnxExportResult result);

        TensorSpec input = Assert.Single(result.Signature.Inputs);
        TensorSpec output = Assert.Single(result.Signature.Outputs);
        Assert.Equal(new TensorSpec("input", TensorElementType.Float32, -1, 5), input);
        Assert.Equal(new TensorSpec("output", TensorElementType.Float32, -1, 3), output);
    }

    [Fact]
    public void Export_Mlp_OrtMetadataHoldsTheSignatureJson()
    {
        using var model = Sequential(Linear(5, 3), Softmax(1));

        byte[] bytes = OrtComparison.Export(model, OrtComparison.Options([5]), out OnnxExportResult result);
        using var session = new InferenceSession(bytes);

        string json = session.ModelMetadata.CustomMetadataMap[OnnxExporter.SignatureMetadataKey];
        Assert.Equal("ml_sdk.signature", OnnxExporter.SignatureMetadataKey);
        Assert.Equal(result.Signature, ModelSignatureJson.Deserialize(json));
    }

    [Fact]
    public void Export_ConvModel_OrtSeesDynamicBatchOnInputAndOutput()
    {
        using var model = Sequential(Conv2d(1, 2, 3), Flatten());

        byte[] bytes = OrtComparison.Export(model, OrtComparison.Options([1, 5, 5]), out _);
        using var session = new InferenceSession(bytes);

        Assert.Equal([-1, 1, 5, 5], session.InputMetadata["input"].Dimensions);
        Assert.Equal([-1, 18], session.OutputMetadata["output"].Dimensions);
    }

    [Theory]
    [InlineData(17, 8)]
    [InlineData(19, 9)]
    [InlineData(21, 10)]
    public void Export_Opset_WritesOpsetImportAndMatchingIrVersion(int opset, long irVersion)
    {
        using var model = Sequential(Linear(2, 2));

        byte[] bytes = OrtComparison.Export(model, OrtComparison.Options([2], opset), out _);

        ModelProto proto = ModelProto.Parser.ParseFrom(bytes);
        OperatorSetIdProto import = Assert.Single(proto.OpsetImport);
        Assert.Equal(opset, import.Version);
        Assert.Equal(string.Empty, import.Domain);
        Assert.Equal(irVersion, proto.IrVersion);
    }

    [Fact]
    public void Export_NamesDescriptionAndMetadata_AppearInOrtModelMetadata()
    {
        using var model = Sequential(Linear(3, 2), LogSoftmax(1));
        OnnxExportOptions options = OrtComparison.Options([3]);
        options.OutputName = "log_probabilities";
        options.ModelName = "fraud";
        options.Description = "Fraud scores per transaction.";
        options.Metadata["run_id"] = "run-42";

        byte[] bytes = OrtComparison.Export(model, options, out OnnxExportResult result);
        using var session = new InferenceSession(bytes);

        Assert.Equal("log_probabilities", Assert.Single(session.OutputMetadata.Keys));
        Assert.Equal("log_probabilities", result.Signature.Outputs[0].Name);
        Assert.Equal("fraud", session.ModelMetadata.GraphName);
        Assert.Equal("Fraud scores per transaction.", session.ModelMetadata.Description);
        Assert.Equal("Ml.Sdk.Training", session.ModelMetadata.ProducerName);
        Assert.Equal("run-42", session.ModelMetadata.CustomMetadataMap["run_id"]);
    }

    [Fact]
    public void Export_Weights_StoredAsLittleEndianFloat32RawData()
    {
        using var model = Linear(2, 1, hasBias: true);
        using (torch.no_grad())
        {
            model.weight!.copy_(torch.tensor(new[] { 1.5f, -2f }).reshape(1, 2));
            model.bias!.fill_(0.25f);
        }

        byte[] bytes = OrtComparison.Export(model, OrtComparison.Options([2]), out _);

        TensorProto bias = Assert.Single(ModelProto.Parser.ParseFrom(bytes).Graph.Initializer, t => t.Name == "bias");
        Assert.Equal((int)TensorProto.Types.DataType.Float, bias.DataType);
        Assert.Equal([1L], bias.Dims);
        Assert.Equal(new byte[] { 0x00, 0x00, 0x80, 0x3E }, bias.RawData.ToByteArray());
    }

    [Fact]
    public void Export_AnyModel_LogsOneInformationLineWithNodeCount()
    {
        var logger = new FakeLogger<OnnxExporter>();
        using var model = Sequential(Linear(3, 2), ReLU());
        using var stream = new MemoryStream();

        OnnxExportResult result = new OnnxExporter(logger).Export(model, stream, OrtComparison.Options([3]));

        FakeLogRecord record = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Information, record.Level);
        Assert.Contains($"{result.NodeCount} nodes", record.Message, StringComparison.Ordinal);
        Assert.Equal(3, result.NodeCount);
    }
}
