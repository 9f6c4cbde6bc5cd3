using BenchmarkDotNet.Attributes;
using Ml.Sdk.Core.Devices;
using TorchSharp;
using static TorchSharp.torch.nn;

namespace Ml.Sdk.Training.Benchmarks;

/// <summary>
/// The trainer's per-step overhead: one epoch (8,192 seeded rows, batches of 64, so 128 Adam steps) through
/// <see cref="Trainer.FitAsync"/> against the loop a TorchSharp user writes by hand for the same model, data, loss and
/// optimizer. Two models: a 32 → 128 → 128 → 10 ReLU MLP, and a 2 → 16 → 2 one where the step's own compute is
/// smallest, so the trainer's fixed cost per step weighs most.
/// </summary>
/// <remarks>
/// <para>
/// Both sides do the same work per invocation: create an Adam optimizer (the trainer builds one per fit from
/// <see cref="FitOptions.Optimizer"/>, so its moment buffers start empty each time), shuffle with a seed, and per
/// batch open a dispose scope, gather the batch's rows with <c>index_select</c>, run forward and cross-entropy, read
/// the loss back to .NET (the trainer reads it every step for the epoch mean, callbacks and progress, so the
/// hand-written loop reads it too, as any loop that logs or averages its loss does), zero the gradients, run backward
/// and step. The trainer also pays its per-fit checks (finite features, label range, one probe forward of one row).
/// </para>
/// <para>
/// Model and data are created once in <see cref="Setup"/>, from the same seed for both sides, and each invocation
/// first copies the initial weights back (the same few microseconds on both sides), so every invocation is the same
/// first epoch. libtorch runs on one intra-op thread
/// (<c>torch.set_num_threads(1)</c>) so that the figures do not depend on the scheduling of a second core on this
/// shared two-core VM. Allocated bytes are managed allocations only: libtorch's native buffers are not counted.
/// </para>
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 5, warmupCount: 5, iterationCount: 20)]
[MedianColumn]
[MinColumn]
public class TrainerOverheadBenchmarks
{
    private const int Rows = 8192;
    private const int BatchSize = 64;
    private const int Seed = 7;
    private const double LearningRate = 1e-3;

    private torch.Tensor _features = null!;
    private torch.Tensor _labels = null!;
    private Module<torch.Tensor, torch.Tensor> _handModel = null!;
    private Module<torch.Tensor, torch.Tensor> _trainerModel = null!;
    private Loss<torch.Tensor, torch.Tensor, torch.Tensor> _loss = null!;
    private TrainingData _data = null!;
    private Trainer _trainer = null!;
    private FitOptions _options = null!;
    private torch.Tensor[] _initialWeights = null!;

    /// <summary>Gets or sets the model: <c>Mlp</c> (32 → 128 → 128 → 10) or <c>Tiny</c> (2 → 16 → 2).</summary>
    [Params("Mlp", "Tiny")]
    public string Model { get; set; } = "Mlp";

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(1);
        (int inputs, int[] hidden, int classes) = Model == "Tiny" ? (2, new[] { 16 }, 2) : (32, new[] { 128, 128 }, 10);
        (float[] features, long[] labels) = Blobs(Rows, inputs, classes, seed: 1);
        _features = torch.tensor(features, [Rows, inputs]);
        _labels = torch.tensor(labels);
        _handModel = Mlp(inputs, hidden, classes, seed: 3);
        _trainerModel = Mlp(inputs, hidden, classes, seed: 3);
        _initialWeights = [.. _handModel.parameters().Select(static p => p.detach().clone())];
        _loss = CrossEntropyLoss();
        _data = TrainingData.FromTensors(_features, _labels);
        _trainer = new Trainer(new ComputeDeviceResolver());
        _options = new FitOptions
        {
            Loss = _loss.forward,
            Optimizer = p => torch.optim.Adam(p, LearningRate),
            BatchSize = BatchSize,
            MaxEpochs = 1,
            Seed = Seed,
            Shuffle = true,
            Device = ComputeDevice.Cpu,
        };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _data.Dispose();
        _features.Dispose();
        _labels.Dispose();
        _handModel.Dispose();
        _trainerModel.Dispose();
        _loss.Dispose();
        foreach (torch.Tensor weight in _initialWeights)
        {
            weight.Dispose();
        }
    }

    /// <summary>One epoch written by hand: the floor for the same work.</summary>
    /// <returns>The mean training loss, read back every step.</returns>
    [Benchmark(Baseline = true)]
    public double HandWrittenLoop()
    {
        ResetWeights(_handModel);
        using torch.optim.Optimizer optimizer = torch.optim.Adam(_handModel.parameters(), LearningRate);
        _handModel.train();
        using var generator = new torch.Generator(Seed);
        using torch.Tensor order = torch.randperm(Rows, generator: generator);
        double lossSum = 0;
        int steps = 0;
        for (long start = 0; start < Rows; start += BatchSize)
        {
            using var scope = torch.NewDisposeScope();
            torch.Tensor index = order.narrow(0, start, Math.Min(BatchSize, Rows - start));
            torch.Tensor x = _features.index_select(0, index);
            torch.Tensor y = _labels.index_select(0, index);
            torch.Tensor loss = _loss.forward(_handModel.call(x), y);
            lossSum += loss.item<float>();
            steps++;
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }

        return lossSum / steps;
    }

    /// <summary>The same epoch through the trainer: no validation, tracking, callbacks or progress.</summary>
    /// <returns>What the fit did.</returns>
    [Benchmark]
    public Task<TrainingResult> Trainer()
    {
        ResetWeights(_trainerModel);
        return _trainer.FitAsync(_trainerModel, _data, _options);
    }

    /// <summary>
    /// Every invocation trains the same first epoch from the same weights. Models that kept training across
    /// invocations drifted into denormal values at different times (cost per step grew by 40 % in one run), which
    /// measured the weights, not the loop.
    /// </summary>
    private void ResetWeights(Module<torch.Tensor, torch.Tensor> model)
    {
        using var noGrad = torch.no_grad();
        int i = 0;
        foreach (TorchSharp.Modules.Parameter parameter in model.parameters())
        {
            parameter.copy_(_initialWeights[i++]);
        }
    }

    private static Module<torch.Tensor, torch.Tensor> Mlp(int inputs, int[] hidden, int classes, int seed)
    {
        torch.random.manual_seed(seed);
        var layers = new List<(string, Module<torch.Tensor, torch.Tensor>)>();
        int width = inputs;
        for (int i = 0; i < hidden.Length; i++)
        {
            layers.Add(($"fc{i + 1}", Linear(width, hidden[i])));
            layers.Add(($"relu{i + 1}", ReLU()));
            width = hidden[i];
        }

        layers.Add(("out", Linear(width, classes)));
        return Sequential(layers);
    }

    /// <summary>Seeded Gaussian blobs: a uniform centre in [-2, 2) per class and feature, unit noise around it.</summary>
    private static (float[] Features, long[] Labels) Blobs(int rows, int inputs, int classes, int seed)
    {
        var random = new Random(seed);
        var centres = new float[classes * inputs];
        for (int i = 0; i < centres.Length; i++)
        {
            centres[i] = (float)((random.NextDouble() * 4) - 2);
        }

        var features = new float[rows * inputs];
        var labels = new long[rows];
        for (int row = 0; row < rows; row++)
        {
            int label = random.Next(classes);
            labels[row] = label;
            for (int j = 0; j < inputs; j++)
            {
                double u1 = 1.0 - random.NextDouble();
                double u2 = random.NextDouble();
                double normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
                features[(row * inputs) + j] = (float)(centres[(label * inputs) + j] + normal);
            }
        }

        return (features, labels);
    }
}
