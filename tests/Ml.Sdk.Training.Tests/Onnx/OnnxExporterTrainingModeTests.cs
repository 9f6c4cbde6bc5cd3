using Ml.Sdk.Training.Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace Ml.Sdk.Training.Tests.Onnx;

public sealed class OnnxExporterTrainingModeTests
{
    [Fact]
    public void Export_ModelInTrainingMode_RestoresEachModulesFlag()
    {
        var dropout = Dropout(0.5);
        var norm = BatchNorm1d(3);
        using var model = Sequential(Linear(4, 3), dropout, norm);
        model.train();
        norm.eval(); // a frozen layer inside a training model keeps its own flag

        OrtComparison.Export(model, OrtComparison.Options([4]), out _);

        Assert.True(model.training);
        Assert.True(dropout.training);
        Assert.False(norm.training);
    }

    [Fact]
    public void Export_ModelInEvalMode_StaysInEvalMode()
    {
        using var model = Sequential(Linear(4, 3), Dropout(0.5));
        model.eval();

        OrtComparison.Export(model, OrtComparison.Options([4]), out _);

        Assert.False(model.training);
        Assert.All(model.children(), child => Assert.False(child.training));
    }

    [Fact]
    public void Export_ModelInTrainingMode_RunsItsForwardPassInEvalMode()
    {
        torch.manual_seed(1);
        using var model = Sequential(Linear(4, 3), BatchNorm1d(3));
        var norm = (BatchNorm)model.children().Last();
        model.train();
        long batchesBefore = norm.num_batches_tracked!.item<long>();
        float[] meanBefore = norm.running_mean!.data<float>().ToArray();

        OrtComparison.Export(model, OrtComparison.Options([4]), out _);

        // A training-mode forward pass would have updated the running statistics.
        Assert.Equal(batchesBefore, norm.num_batches_tracked!.item<long>());
        Assert.Equal(meanBefore, norm.running_mean!.data<float>().ToArray());
    }
}
