using Ml.Sdk.Training.Onnx;
using TorchSharp;
using static TorchSharp.torch.nn;

namespace Ml.Sdk.Training.Tests.Onnx;

public sealed class OnnxExporterModuleTests
{
    /// <summary>Each case: a tiny model and the input's shape without the batch dimension.</summary>
    private static readonly Dictionary<string, (Func<Module<torch.Tensor, torch.Tensor>> Build, long[] Features)> s_cases = new()
    {
        ["Linear"] = (() => Linear(5, 3), [5]),
        ["LinearWithoutBias"] = (() => Linear(5, 3, hasBias: false), [5]),
        ["LinearOnRank3Input"] = (() => Linear(4, 2), [3, 4]),
        ["Conv1d"] = (() => Conv1d(4, 6, 3, stride: 2, padding: 1, dilation: 2, groups: 2), [4, 11]),
        ["Conv1dSame"] = (() => Conv1d(2, 3, 4, TorchSharp.Padding.Same), [2, 9]),
        ["Conv2d"] = (() => Conv2d(3, 4, 3, stride: 2, padding: 1), [3, 8, 7]),
        ["Conv2dSameAsymmetric"] = (() => Conv2d(2, 3, (4, 3), TorchSharp.Padding.Same, dilation: (1, 2)), [2, 7, 8]),
        ["Conv2dValidWithoutBias"] = (() => Conv2d(2, 2, 3, TorchSharp.Padding.Valid, bias: false), [2, 6, 6]),
        ["Conv3d"] = (() => Conv3d(2, 2, 3, padding: 1), [2, 4, 4, 4]),
        ["MaxPool1d"] = (() => MaxPool1d(3, stride: 2, padding: 1), [2, 9]),
        ["MaxPool2d"] = (() => MaxPool2d([3, 2], [2, 1], [1, 1], [1, 2]), [2, 7, 8]),
        ["MaxPool2dDefaultStride"] = (() => MaxPool2d(2), [1, 6, 6]),
        ["AvgPool1d"] = (() => AvgPool1d(3, stride: 2, padding: 1), [2, 9]),
        ["AvgPool2dCountIncludePad"] = (() => AvgPool2d(3, stride: 2, padding: 1), [2, 7, 7]),
        ["AvgPool2dExcludePad"] = (() => AvgPool2d(3, stride: 2, padding: 1, count_include_pad: false), [2, 7, 7]),
        ["BatchNorm1d"] = (() => BatchNorm1d(4), [4]),
        ["BatchNorm1dOnSequence"] = (() => BatchNorm1d(3), [3, 5]),
        ["BatchNorm1dWithoutAffine"] = (() => BatchNorm1d(4, affine: false), [4]),
        ["BatchNorm2d"] = (() => BatchNorm2d(3, eps: 1e-3), [3, 4, 5]),
        ["FlattenFromOne"] = (() => Flatten(), [2, 3, 4]),
        ["FlattenFromTwo"] = (() => Flatten(2), [2, 3, 4]),
        ["FlattenNegativeStart"] = (() => Flatten(-2), [2, 3, 4]),
        ["Dropout"] = (() => Dropout(0.5), [6]),
        ["Identity"] = (() => Identity(), [6]),
        ["ReLU"] = (() => ReLU(), [7]),
        ["LeakyReLU"] = (() => LeakyReLU(0.2), [7]),
        ["GELU"] = (() => GELU(), [7]),
        ["GELUTanh"] = (() => GELU(TorchSharp.Modules.GELU.Approximate.tanh), [7]),
        ["Sigmoid"] = (() => Sigmoid(), [7]),
        ["Tanh"] = (() => Tanh(), [7]),
        ["Softmax"] = (() => Softmax(1), [7]),
        ["SoftmaxLastOfRank3"] = (() => Softmax(-1), [2, 5]),
        ["LogSoftmax"] = (() => LogSoftmax(1), [7]),
        ["NestedSequential"] = (() => Sequential(
            ("features", Sequential(Conv2d(1, 2, 3), ReLU(), MaxPool2d(2))),
            ("head", Sequential(Flatten(), Sequential(Linear(8, 3), Tanh()), Identity()))), [1, 6, 6]),
    };

    public static TheoryData<string> Cases => [.. s_cases.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Export_SupportedModule_OrtMatchesTorchForBatchSizes1And3(string name)
    {
        (Func<Module<torch.Tensor, torch.Tensor>> build, long[] features) = s_cases[name];
        torch.manual_seed(42);
        using Module<torch.Tensor, torch.Tensor> model = build();
        ModelPreparation.TrainBatchNormStatistics(model, features, seed: 3);

        OnnxExportResult result = OrtComparison.AssertOrtMatchesTorch(model, features);

        Assert.Equal(OnnxExportOptions.MinOpset, result.Opset);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    [InlineData(19)]
    [InlineData(20)]
    [InlineData(21)]
    public void Export_EachSupportedOpset_OrtMatchesTorch(int opset)
    {
        torch.manual_seed(5);
        long[] features = [2, 6, 6];
        using var model = Sequential(
            Conv2d(2, 3, 3, padding: 1), BatchNorm2d(3), GELU(), AvgPool2d(2), Flatten(), Linear(27, 4), LogSoftmax(1));
        ModelPreparation.TrainBatchNormStatistics(model, features, seed: 9);

        OnnxExportResult result = OrtComparison.AssertOrtMatchesTorch(model, features, options: OrtComparison.Options(features, opset));

        Assert.Equal(opset, result.Opset);
    }

    [Fact]
    public void Export_GeluAtOpset20_UsesOneGeluNode()
    {
        using var model = Sequential(GELU(TorchSharp.Modules.GELU.Approximate.tanh));

        OrtComparison.Export(model, OrtComparison.Options([4], opset: 20), out OnnxExportResult atTwenty);
        OrtComparison.Export(model, OrtComparison.Options([4], opset: 17), out OnnxExportResult atSeventeen);

        Assert.Equal(1, atTwenty.NodeCount);
        Assert.True(atSeventeen.NodeCount > 5, $"Opset 17 composes GELU; got {atSeventeen.NodeCount} nodes.");
    }

    [Fact]
    public void Export_LinearWithBias_CountsMatMulAddAndTwoInitializers()
    {
        using var model = Sequential(Linear(3, 2));

        OrtComparison.Export(model, OrtComparison.Options([3]), out OnnxExportResult result);

        Assert.Equal(2, result.NodeCount);
        Assert.Equal(2, result.InitializerCount);
    }
}
