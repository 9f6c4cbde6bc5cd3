using Ml.Sdk.Core.Tensors;
using Ml.Sdk.Training.Onnx;
using TorchSharp;
using static TorchSharp.torch.nn;

namespace Ml.Sdk.Training.Tests.Onnx;

public sealed class OnnxExporterErrorTests
{
    [Fact]
    public void Export_EmbeddingInSequential_ThrowsNamingTypeAndIndexPathAndWritesNothing()
    {
        using var model = Sequential(Linear(4, 3), ReLU(), Embedding(10, 3));
        using var stream = new MemoryStream();

        OnnxExportException ex = Assert.Throws<OnnxExportException>(
            () => new OnnxExporter().Export(model, stream, OrtComparison.Options([4])));

        Assert.Equal("2", ex.ModulePath);
        Assert.Equal("TorchSharp.Modules.Embedding", ex.ModuleType);
        Assert.Contains("module '2'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Embedding", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void Export_UnknownCustomModuleInNestedSequential_ThrowsWithDottedPath()
    {
        using var model = Sequential(("stem", Linear(4, 4)), ("block", Sequential(ReLU(), new Scale(2f))));
        using var stream = new MemoryStream();

        OnnxExportException ex = Assert.Throws<OnnxExportException>(
            () => new OnnxExporter().Export(model, stream, OrtComparison.Options([4])));

        Assert.Equal("block.1", ex.ModulePath);
        Assert.Equal(typeof(Scale).FullName, ex.ModuleType);
        Assert.Contains("IOnnxModuleConverter", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, stream.Length);
    }

    public static TheoryData<string, string, long[]> UnsupportedConfigurations => new()
    {
        { "ReflectPadding", "padding_mode", [2, 6, 6] },
        { "BatchNormWithoutRunningStats", "running statistics", [3] },
        { "FlattenEndDim", "end_dim", [2, 3, 4] },
        { "MaxPoolCeilMode", "ceil_mode", [1, 5, 5] },
        { "AvgPoolDivisorOverride", "divisor_override", [1, 4, 4] },
    };

    [Theory]
    [MemberData(nameof(UnsupportedConfigurations))]
    public void Export_UnsupportedConfiguration_ThrowsNamingSettingAndPath(string name, string setting, long[] features)
    {
        Module<torch.Tensor, torch.Tensor> unsupported = name switch
        {
            "ReflectPadding" => Conv2d(2, 2, 3, padding: 1, padding_mode: PaddingModes.Reflect),
            "BatchNormWithoutRunningStats" => BatchNorm1d(3, track_running_stats: false),
            "FlattenEndDim" => Flatten(1, 2),
            "MaxPoolCeilMode" => MaxPool2d(2, ceil_mode: true),
            _ => AvgPool2d(2, divisor_override: 3),
        };
        using var model = Sequential(("features", Sequential(Identity(), unsupported)));
        using var stream = new MemoryStream();

        OnnxExportException ex = Assert.Throws<OnnxExportException>(
            () => new OnnxExporter().Export(model, stream, OrtComparison.Options(features)));

        Assert.Equal("features.1", ex.ModulePath);
        Assert.Equal(unsupported.GetType().FullName, ex.ModuleType);
        Assert.Contains(setting, ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void Export_InputShapeTheModelRejects_ThrowsNamingTheModule()
    {
        using var model = Sequential(Linear(5, 3));

        OnnxExportException ex = Assert.Throws<OnnxExportException>(
            () => new OnnxExporter().Export(model, new MemoryStream(), OrtComparison.Options([4])));

        Assert.Equal("0", ex.ModulePath);
        Assert.Contains("forward pass failed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_FixedBatchDimension_ThrowsArgumentException()
    {
        using var model = Sequential(Linear(5, 3));
        var options = new OnnxExportOptions { Input = new TensorSpec("input", TensorElementType.Float32, 2, 5) };

        ArgumentException ex = Assert.Throws<ArgumentException>(() => new OnnxExporter().Export(model, new MemoryStream(), options));

        Assert.Contains("dynamic first (batch) dimension", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_DynamicNonBatchDimension_ThrowsArgumentException()
    {
        using var model = Sequential(Linear(5, 3));
        var options = new OnnxExportOptions { Input = new TensorSpec("input", TensorElementType.Float32, -1, -1) };

        ArgumentException ex = Assert.Throws<ArgumentException>(() => new OnnxExporter().Export(model, new MemoryStream(), options));

        Assert.Contains("dimension 1 is dynamic", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TensorElementType.Int64)]
    [InlineData(TensorElementType.Float64)]
    public void Export_NonFloat32Input_ThrowsArgumentException(TensorElementType type)
    {
        using var model = Sequential(Linear(5, 3));
        var options = new OnnxExportOptions { Input = new TensorSpec("input", type, -1, 5) };

        ArgumentException ex = Assert.Throws<ArgumentException>(() => new OnnxExporter().Export(model, new MemoryStream(), options));

        Assert.Contains("float32", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(22)]
    public void Export_OpsetOutsideRange_ThrowsArgumentException(int opset)
    {
        using var model = Sequential(Linear(5, 3));

        ArgumentException ex = Assert.Throws<ArgumentException>(
            () => new OnnxExporter().Export(model, new MemoryStream(), OrtComparison.Options([5], opset)));

        Assert.Contains("Opset", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_ReservedMetadataKey_ThrowsArgumentException()
    {
        using var model = Sequential(Linear(5, 3));
        OnnxExportOptions options = OrtComparison.Options([5]);
        options.Metadata[OnnxExporter.SignatureMetadataKey] = "{}";

        ArgumentException ex = Assert.Throws<ArgumentException>(() => new OnnxExporter().Export(model, new MemoryStream(), options));

        Assert.Contains("reserved", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_OutputNamedLikeInput_ThrowsArgumentException()
    {
        using var model = Sequential(Linear(5, 3));
        OnnxExportOptions options = OrtComparison.Options([5]);
        options.OutputName = OrtComparison.InputName;

        Assert.Throws<ArgumentException>(() => new OnnxExporter().Export(model, new MemoryStream(), options));
    }
}
