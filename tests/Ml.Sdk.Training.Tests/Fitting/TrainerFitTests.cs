using Ml.Sdk.Core.Devices;
using Ml.Sdk.Training.Callbacks;
using Ml.Sdk.Training.Tests.TestSupport;
using TorchSharp;

namespace Ml.Sdk.Training.Tests.Fitting;

public sealed class TrainerFitTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task FitAsync_TwoMoonsMlp_ReachesNinetyFivePercentHeldOutAccuracy()
    {
        (float[] features, long[] labels) = TwoMoons.Generate(600, noise: 0.1, seed: 11);
        (float[] testFeatures, long[] testLabels) = TwoMoons.Generate(400, noise: 0.1, seed: 12);
        using var model = TinyModels.Mlp(seed: 3);
        using TrainingData data = TrainingData.FromArrays(features, 2, labels);
        FitOptions options = TinyModels.Classification(maxEpochs: 40);
        options.ValidationSplit = 0.2;

        TrainingResult result = await new Trainer(new ComputeDeviceResolver()).FitAsync(model, data, options);

        Assert.Equal(40, result.EpochsCompleted);
        Assert.Equal(StopReason.MaxEpochs, result.StopReason);
        Assert.Equal(ComputeDevice.Cpu, result.Device);
        Assert.True(TinyModels.Accuracy(model, testFeatures, testLabels) >= 0.95, "held-out accuracy below 0.95");
        Assert.True(result.History[^1].Metrics["train_loss"] < result.History[0].Metrics["train_loss"] / 3);
        Assert.Contains("val_loss", result.FinalMetrics.Keys);
        Assert.Equal(40 * (int)Math.Ceiling(480 / 32.0), result.GlobalStep);
    }

    [Fact]
    public async Task FitAsync_SameSeedTwice_GivesIdenticalLossCurves()
    {
        double[] first = await LossCurve(seed: 5);
        double[] second = await LossCurve(seed: 5);
        double[] other = await LossCurve(seed: 6);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task FitAsync_AccumulatingTwoHalfBatches_MatchesOneFullBatchWithSgd()
    {
        // SGD on the mean loss: two accumulated halves of a batch (each loss divided by 2) give the same step as the whole batch.
        (float[] features, long[] labels) = TwoMoons.Generate(64, 0.1, 2);
        float[] whole = await FinalWeights(features, labels, batchSize: 16, accumulation: 1);
        float[] accumulated = await FinalWeights(features, labels, batchSize: 8, accumulation: 2);

        Assert.Equal(whole.Length, accumulated.Length);
        for (int i = 0; i < whole.Length; i++)
        {
            Assert.True(Math.Abs(whole[i] - accumulated[i]) <= 1e-5, $"weight {i}: {whole[i]} vs {accumulated[i]}");
        }
    }

    [Fact]
    public async Task FitAsync_MaxSteps_StopsAfterThatManyOptimizerSteps()
    {
        using var model = TinyModels.Mlp(seed: 1);
        using TrainingData data = TinyModels.Moons(rows: 320);
        FitOptions options = TinyModels.Classification(maxEpochs: 50);
        options.MaxSteps = 25;

        TrainingResult result = await new Trainer(new ComputeDeviceResolver()).FitAsync(model, data, options);

        Assert.Equal(StopReason.MaxSteps, result.StopReason);
        Assert.Equal(25, result.GlobalStep);
        Assert.Equal(2, result.EpochsCompleted);
    }

    [Fact]
    public async Task FitAsync_GradientClipByValue_KeepsEveryUpdateWithinTheBound()
    {
        // With SGD at lr 1 and gradients clamped to ±1e-3, no weight can move further than 1e-3 per step.
        using var model = TinyModels.Mlp(seed: 4);
        float[] before = Flatten(model);
        using TrainingData data = TinyModels.Moons(rows: 64);
        var options = new FitOptions
        {
            Loss = torch.nn.CrossEntropyLoss().forward,
            Optimizer = p => torch.optim.SGD(p, 1.0),
            MaxEpochs = 1,
            BatchSize = 64,
            GradientClipValue = 1e-3,
        };

        await new Trainer(new ComputeDeviceResolver()).FitAsync(model, data, options);

        float[] after = Flatten(model);
        double largest = before.Zip(after, static (b, a) => Math.Abs(a - b)).Max();
        Assert.InRange(largest, 1e-6, 1e-3 + 1e-7);
    }

    [Fact]
    public async Task FitAsync_Progress_ReportsEveryIntervalAndEachEpochEnd()
    {
        using var model = TinyModels.Mlp(seed: 1);
        using TrainingData data = TinyModels.Moons(rows: 320);
        FitOptions options = TinyModels.Classification(maxEpochs: 2);
        options.ProgressInterval = 4;
        var reports = new List<TrainingProgress>();

        await new Trainer(new ComputeDeviceResolver()).FitAsync(model, data, options, new SynchronousProgress<TrainingProgress>(reports.Add));

        // 10 batches per epoch: reports after batches 4 and 8, then the epoch's end.
        Assert.Equal(6, reports.Count);
        Assert.Equal([4, 8, 10, 4, 8, 10], reports.Select(static r => r.BatchInEpoch));
        Assert.Equal(2, reports.Count(static r => r.IsEpochEnd));
        Assert.All(reports, static r => Assert.Equal(10, r.BatchesPerEpoch));
        Assert.All(reports, static r => Assert.True(r.SamplesPerSecond > 0));
        Assert.Equal(TimeSpan.Zero, reports[^1].EstimatedRemaining);
        Assert.True(reports[0].EstimatedRemaining > TimeSpan.Zero);
    }

    [Fact]
    public async Task FitAsync_LongRun_NativeTensorCountDoesNotGrow()
    {
        using var model = TinyModels.Mlp(seed: 1);
        using TrainingData data = TinyModels.Moons(rows: 256);
        FitOptions options = TinyModels.Classification(maxEpochs: 30);
        options.ValidationSplit = 0.25;
        var counts = new LiveTensorCounter();
        options.Callbacks.Add(counts);

        await new Trainer(new ComputeDeviceResolver()).FitAsync(model, data, options);

        // After the optimizer's state exists (epoch 2), the number of live native tensors stays flat for 28 epochs.
        Assert.Equal(30, counts.PerEpoch.Count);
        Assert.Equal(counts.PerEpoch[1], counts.PerEpoch[^1]);
        Assert.True(counts.PerEpoch.Skip(1).Max() - counts.PerEpoch[1] <= 2, string.Join(",", counts.PerEpoch));
    }

    [Fact]
    public async Task FitAsync_Regression_TargetsOfOneColumnLearnTheLine()
    {
        torch.random.manual_seed(2);
        using var model = torch.nn.Sequential(("fc", torch.nn.Linear(1, 1)));
        float[] x = Enumerable.Range(0, 200).Select(static i => i / 100f).ToArray();
        float[] y = x.Select(static v => (3 * v) - 1).ToArray();
        using TrainingData data = TrainingData.FromArrays(x, 1, y);
        var options = new FitOptions
        {
            Task = TrainingTask.Regression,
            Loss = torch.nn.MSELoss().forward,
            Optimizer = p => torch.optim.Adam(p, 0.05),
            MaxEpochs = 60,
            BatchSize = 20,
            ValidationSplit = 0.1,
        };

        TrainingResult result = await new Trainer(new ComputeDeviceResolver()).FitAsync(model, data, options);

        Assert.True(result.FinalMetrics["val_loss"] < 1e-3, $"val_loss {result.FinalMetrics["val_loss"]}");
        var fc = (TorchSharp.Modules.Linear)model.named_children().Single().module;
        Assert.Equal(3.0, fc.weight!.item<float>(), 1);
        Assert.Equal(-1.0, fc.bias!.item<float>(), 1);
    }

    [Fact]
    public async Task FitAsync_StreamOfBatches_TrainsEveryBatchEachEpoch()
    {
        (float[] features, long[] labels) = TwoMoons.Generate(200, 0.1, 4);
        using var model = TinyModels.Mlp(seed: 2);
        int yielded = 0;
        using TrainingData data = TrainingData.FromBatches(ct => Batches(features, labels, 50, () => yielded++));
        FitOptions options = TinyModels.Classification(maxEpochs: 3);

        TrainingResult result = await new Trainer(new ComputeDeviceResolver()).FitAsync(model, data, options);

        // 4 batches in each of 3 epochs, plus the first batch read once more to check it before the fit writes anything.
        Assert.Equal(13, yielded);
        Assert.Equal(12, result.GlobalStep);
        Assert.Equal(3, result.EpochsCompleted);
    }

    [Fact]
    public async Task FitAsync_Cancelled_ThrowsOperationCanceled()
    {
        using var model = TinyModels.Mlp(seed: 1);
        using TrainingData data = TinyModels.Moons(rows: 320);
        FitOptions options = TinyModels.Classification(maxEpochs: 100);
        using var cancellation = new CancellationTokenSource();
        options.Callbacks.Add(new CancelAt(cancellation, epoch: 2));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new Trainer(new ComputeDeviceResolver()).FitAsync(model, data, options, cancellationToken: cancellation.Token));
    }

    [Fact]
    public async Task FitAsync_ModelInEvalMode_KeepsItsModeAfterwards()
    {
        using var model = TinyModels.Mlp(seed: 1);
        model.eval();
        using TrainingData data = TinyModels.Moons(rows: 64);

        await new Trainer(new ComputeDeviceResolver()).FitAsync(model, data, TinyModels.Classification(maxEpochs: 1));

        Assert.False(model.training);
    }

    internal static float[] Flatten(torch.nn.Module model)
    {
        using var scope = torch.NewDisposeScope();
        return model.parameters().SelectMany(static p => p.detach().cpu().data<float>().ToArray()).ToArray();
    }

    private static async IAsyncEnumerable<TrainingBatch> Batches(float[] features, long[] labels, int size, Action onYield)
    {
        for (int start = 0; start < labels.Length; start += size)
        {
            await Task.Yield();
            onYield();
            int count = Math.Min(size, labels.Length - start);
            yield return new TrainingBatch(
                torch.tensor(features.AsSpan(start * 2, count * 2).ToArray(), [count, 2]),
                torch.tensor(labels.AsSpan(start, count).ToArray()));
        }
    }

    private static async Task<double[]> LossCurve(int seed)
    {
        using var model = TinyModels.Mlp(seed: 1, dropout: 0.2);
        using TrainingData data = TinyModels.Moons(rows: 200);
        FitOptions options = TinyModels.Classification(maxEpochs: 4);
        options.Seed = seed;
        TrainingResult result = await new Trainer(new ComputeDeviceResolver()).FitAsync(model, data, options);
        return result.History.Select(static e => e.Metrics["train_loss"]).ToArray();
    }

    private static async Task<float[]> FinalWeights(float[] features, long[] labels, int batchSize, int accumulation)
    {
        using var model = TinyModels.Mlp(seed: 9);
        using TrainingData data = TrainingData.FromArrays(features, 2, labels);
        var options = new FitOptions
        {
            Loss = torch.nn.CrossEntropyLoss().forward,
            Optimizer = p => torch.optim.SGD(p, 0.5),
            MaxEpochs = 3,
            BatchSize = batchSize,
            AccumulationSteps = accumulation,
            Shuffle = false,
        };
        await new Trainer(new ComputeDeviceResolver()).FitAsync(model, data, options);
        return Flatten(model);
    }

    private sealed class LiveTensorCounter : ITrainingCallback
    {
        public List<long> PerEpoch { get; } = [];

        public void OnEpochEnd(TrainingContext context, EpochSummary epoch)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            PerEpoch.Add(torch.Tensor.TotalCount);
        }
    }

    private sealed class CancelAt(CancellationTokenSource source, int epoch) : ITrainingCallback
    {
        public void OnEpochStart(TrainingContext context)
        {
            if (context.Epoch == epoch)
            {
                source.Cancel();
            }
        }
    }
}
