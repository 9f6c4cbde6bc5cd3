using Ml.Sdk.Core.Devices;
using Ml.Sdk.Training.Callbacks;
using Ml.Sdk.Training.Tests.TestSupport;
using TorchSharp;

namespace Ml.Sdk.Training.Tests.Callbacks;

public sealed class LearningRateSchedulingTests
{
    [Fact]
    public async Task FitAsync_StepLrPerEpoch_HalvesTheRecordedLrEveryTwoEpochs()
    {
        using var model = TinyModels.Mlp(seed: 1);
        using TrainingData data = TinyModels.Moons(rows: 64);
        FitOptions options = Sgd(maxEpochs: 5, learningRate: 0.1);
        var scheduling = new LearningRateScheduling(o => torch.optim.lr_scheduler.StepLR(o, 2, 0.5));
        options.Callbacks.Add(scheduling);

        TrainingResult result = await new Trainer(new ComputeDeviceResolver()).FitAsync(model, data, options);

        // "lr" is the rate the epoch trained with: the scheduler steps after it is recorded.
        double[] expected = [0.1, 0.1, 0.05, 0.05, 0.025];
        double[] recorded = result.History.Select(static e => e.Metrics["lr"]).ToArray();
        Assert.Equal(expected.Length, recorded.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], recorded[i], 12);
        }

        Assert.Equal(5, scheduling.StepCount);
    }

    [Fact]
    public async Task FitAsync_StepLrPerStep_StepsOncePerOptimizerStepNotPerBatch()
    {
        // 128 rows in batches of 16, two batches per step: 8 batches and 4 optimizer steps per epoch.
        using var model = TinyModels.Mlp(seed: 1);
        using TrainingData data = TinyModels.Moons(rows: 128);
        FitOptions options = Sgd(maxEpochs: 2, learningRate: 0.1);
        options.BatchSize = 16;
        options.AccumulationSteps = 2;
        var scheduling = new LearningRateScheduling(o => torch.optim.lr_scheduler.StepLR(o, 3, 0.5), SchedulerInterval.Step);
        options.Callbacks.Add(scheduling);

        TrainingResult result = await new Trainer(new ComputeDeviceResolver()).FitAsync(model, data, options);

        Assert.Equal(8, result.GlobalStep);
        Assert.Equal(result.GlobalStep, scheduling.StepCount);

        // After 4 steps the rate has been halved once (at step 3), after 8 twice (at 3 and 6).
        Assert.Equal(0.05, result.History[0].Metrics["lr"], 12);
        Assert.Equal(0.025, result.History[1].Metrics["lr"], 12);
    }

    [Fact]
    public async Task FitAsync_ReduceLrOnPlateauOnValLoss_HalvesTheRateAfterPatienceIsExceeded()
    {
        // A loss multiplied by zero: no gradient, so the weights never move and val_loss stays 0, never improving after epoch 1.
        using var model = TinyModels.Mlp(seed: 1);
        using TrainingData data = TinyModels.Moons(rows: 64);
        FitOptions options = Sgd(maxEpochs: 6, learningRate: 0.1);
        Func<torch.Tensor, torch.Tensor, torch.Tensor> loss = options.Loss!;
        options.Loss = (output, labels) => loss(output, labels) * 0;
        options.ValidationSplit = 0.25;
        var scheduling = new LearningRateScheduling(
            o => torch.optim.lr_scheduler.ReduceLROnPlateau(o, mode: "min", factor: 0.5, patience: 1),
            SchedulerInterval.Epoch,
            monitor: "val_loss");
        options.Callbacks.Add(scheduling);

        TrainingResult result = await new Trainer(new ComputeDeviceResolver()).FitAsync(model, data, options);

        Assert.All(result.History, static e => Assert.Equal(0.0, e.Metrics["val_loss"]));

        // Epoch 1 sets the best; epochs 2 and 3 are bad, and the second bad one exceeds a patience of 1: reduce.
        double[] expected = [0.1, 0.1, 0.1, 0.05, 0.05, 0.025];
        double[] recorded = result.History.Select(static e => e.Metrics["lr"]).ToArray();
        Assert.Equal(expected.Length, recorded.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], recorded[i], 12);
        }
    }

    [Fact]
    public void Constructor_MonitorWithStepInterval_IsRejected()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(
            () => new LearningRateScheduling(o => torch.optim.lr_scheduler.StepLR(o, 1), SchedulerInterval.Step, monitor: "val_loss"));

        Assert.Equal("monitor", ex.ParamName);
    }

    [Fact]
    public async Task FitAsync_MonitorMissing_FailsNamingTheMetric()
    {
        using var model = TinyModels.Mlp(seed: 1);
        using TrainingData data = TinyModels.Moons(rows: 64);
        FitOptions options = Sgd(maxEpochs: 2, learningRate: 0.1);
        options.Callbacks.Add(new LearningRateScheduling(
            o => torch.optim.lr_scheduler.ReduceLROnPlateau(o), SchedulerInterval.Epoch, monitor: "val_loss"));

        InvalidOperationException ex = await Assert.ThrowsAsync<InvalidOperationException>(
            () => new Trainer(new ComputeDeviceResolver()).FitAsync(model, data, options));

        Assert.Contains("LearningRateScheduling", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'val_loss'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SaveState_LoadedIntoAFreshScheduler_ReplaysEveryStep()
    {
        using var harness = new CallbackHarness();
        using var other = new CallbackHarness();
        var original = new LearningRateScheduling(o => torch.optim.lr_scheduler.StepLR(o, 1, 0.5));
        original.OnFitStart(harness.Context);
        for (int epoch = 1; epoch <= 3; epoch++)
        {
            original.OnEpochEnd(harness.Context, CallbackHarness.Epoch(epoch, ("train_loss", 1.0)));
        }

        var restored = new LearningRateScheduling(o => torch.optim.lr_scheduler.StepLR(o, 1, 0.5));
        restored.OnFitStart(other.Context);

        restored.LoadState(original.SaveState());

        Assert.Equal(3, restored.StepCount);
        Assert.Equal(0.1 / 8, other.Context.Optimizer.ParamGroups.First().LearningRate, 12);
        Assert.Equal(harness.Context.Optimizer.ParamGroups.First().LearningRate, other.Context.Optimizer.ParamGroups.First().LearningRate);
    }

    private static FitOptions Sgd(int maxEpochs, double learningRate)
    {
        FitOptions options = TinyModels.Classification(maxEpochs: maxEpochs);
        options.Optimizer = p => torch.optim.SGD(p, learningRate);
        return options;
    }
}
