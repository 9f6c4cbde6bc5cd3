using Ml.Sdk.Training.Onnx;
using TorchSharp;
using static TorchSharp.torch.nn;

namespace Ml.Sdk.Training.Tests.Onnx;

public sealed class OnnxExporterCustomConverterTests
{
    [Fact]
    public void Export_CustomModuleWithConverter_OrtMatchesTorch()
    {
        torch.manual_seed(3);
        using var model = Sequential(Linear(4, 3), new Scale(-2.5f), Tanh());
        OnnxExportOptions options = OrtComparison.Options([4]);
        options.Converters.Add(new ScaleConverter());

        OnnxExportResult result = OrtComparison.AssertOrtMatchesTorch(model, [4], options: options);

        Assert.Equal(4, result.NodeCount);
        Assert.Equal(3, result.InitializerCount);
    }

    [Fact]
    public void Export_CustomConverterForBuiltInType_IsConsultedFirst()
    {
        using var model = Sequential(Linear(4, 3), ReLU());
        var relu = new CountingIdentityConverter(m => m is TorchSharp.Modules.ReLU);
        OnnxExportOptions options = OrtComparison.Options([4]);
        options.Converters.Add(relu);

        OrtComparison.Export(model, options, out OnnxExportResult result);

        Assert.Equal(1, relu.Calls);
        Assert.Equal(2, result.NodeCount); // MatMul and Add; the custom converter added no Relu
    }

    [Fact]
    public void Export_ConverterGivesUnknownInput_ThrowsExportExceptionWithPath()
    {
        using var model = Sequential(Linear(4, 3), new Scale(2f));
        OnnxExportOptions options = OrtComparison.Options([4]);
        options.Converters.Add(new BrokenConverter());
        using var stream = new MemoryStream();

        OnnxExportException ex = Assert.Throws<OnnxExportException>(() => new OnnxExporter().Export(model, stream, options));

        Assert.Equal("1", ex.ModulePath);
        Assert.IsType<ArgumentException>(ex.InnerException);
        Assert.Contains("no-such-value", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, stream.Length);
    }

    private sealed class CountingIdentityConverter(Func<torch.nn.Module, bool> claims) : IOnnxModuleConverter
    {
        public int Calls { get; private set; }

        public bool CanConvert(torch.nn.Module module) => claims(module);

        public string Convert(OnnxGraphBuilder graph, torch.nn.Module module, string input, string modulePath)
        {
            Calls++;
            return input;
        }
    }

    private sealed class BrokenConverter : IOnnxModuleConverter
    {
        public bool CanConvert(torch.nn.Module module) => module is Scale;

        public string Convert(OnnxGraphBuilder graph, torch.nn.Module module, string input, string modulePath) =>
            graph.AddNode("Mul", [input, "no-such-value"]);
    }
}
