using TorchSharp;
using static TorchSharp.torch.nn;

namespace Ml.Sdk.Training.Tests.TestSupport;

/// <summary>Small models the training tests fit; seeded so that each test starts from the same weights.</summary>
internal static class TinyModels
{
    public static Module<torch.Tensor, torch.Tensor> Mlp(int seed, int inputs = 2, int hidden = 16, int outputs = 2, double dropout = 0)
    {
        torch.random.manual_seed(seed);
        var layers = new List<(string, Module<torch.Tensor, torch.Tensor>)>
        {
            ("fc1", Linear(inputs, hidden)),
            ("act1", ReLU()),
        };
        if (dropout > 0)
        {
            layers.Add(("drop", Dropout(dropout)));
        }

        layers.Add(("fc2", Linear(hidden, hidden)));
        layers.Add(("act2", Tanh()));
        layers.Add(("out", Linear(hidden, outputs)));
        return Sequential(layers);
    }

    public static FitOptions Classification(int maxEpochs = 5, int batchSize = 32, double learningRate = 0.01)
    {
        var loss = CrossEntropyLoss();
        return new FitOptions
        {
            Loss = loss.forward,
            Optimizer = p => torch.optim.Adam(p, learningRate),
            MaxEpochs = maxEpochs,
            BatchSize = batchSize,
            Seed = 7,
        };
    }

    public static TrainingData Moons(int rows = 400, double noise = 0.1, int seed = 1)
    {
        (float[] features, long[] labels) = TwoMoons.Generate(rows, noise, seed);
        return TrainingData.FromArrays(features, 2, labels);
    }

    public static double Accuracy(Module<torch.Tensor, torch.Tensor> model, float[] features, long[] labels)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        model.eval();
        torch.Tensor predicted = model.call(torch.tensor(features, [labels.Length, 2])).argmax(1);
        model.train();
        return predicted.eq(torch.tensor(labels)).to_type(torch.ScalarType.Float64).mean().item<double>();
    }
}
