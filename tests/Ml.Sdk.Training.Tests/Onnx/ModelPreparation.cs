using TorchSharp;
using TorchSharp.Modules;

namespace Ml.Sdk.Training.Tests.Onnx;

/// <summary>Gives batch-norm layers non-trivial statistics and affine parameters, as training would.</summary>
internal static class ModelPreparation
{
    public static void TrainBatchNormStatistics(torch.nn.Module<torch.Tensor, torch.Tensor> model, long[] featureShape, int seed)
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new torch.Generator((ulong)seed);
        using (torch.no_grad())
        {
            foreach (torch.nn.Module module in model.modules())
            {
                if (module is BatchNorm { weight: not null, bias: not null } norm)
                {
                    norm.weight.uniform_(0.5, 1.5, generator);
                    norm.bias.uniform_(-0.5, 0.5, generator);
                }
            }

            model.train();
            for (int i = 0; i < 3; i++)
            {
                _ = model.call((torch.randn([4, .. featureShape], generator: generator) * 2) + 0.5);
            }

            model.eval();
        }
    }
}
