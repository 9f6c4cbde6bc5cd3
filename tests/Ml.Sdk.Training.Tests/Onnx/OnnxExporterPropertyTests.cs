using FsCheck.Xunit;
using TorchSharp;

namespace Ml.Sdk.Training.Tests.Onnx;

public sealed class OnnxExporterPropertyTests
{
    [Property(MaxTest = 40, Arbitrary = [typeof(ModelRecipeArbitrary)])]
    public void Export_RandomArchitecture_OrtMatchesTorchEvalForward(ModelRecipe recipe)
    {
        using var scope = torch.NewDisposeScope();
        using torch.nn.Module<torch.Tensor, torch.Tensor> model = recipe.Build();
        ModelPreparation.TrainBatchNormStatistics(model, recipe.FeatureShape, recipe.Seed);

        OrtComparison.AssertOrtMatchesTorch(model, recipe.FeatureShape, recipe.Seed);
    }
}
