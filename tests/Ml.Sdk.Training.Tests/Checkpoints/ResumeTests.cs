using Ml.Sdk.Core.Devices;
using Ml.Sdk.Training.Callbacks;
using Ml.Sdk.Training.Checkpoints;
using Ml.Sdk.Training.Tests.Fitting;
using Ml.Sdk.Training.Tests.TestSupport;
using TorchSharp;

namespace Ml.Sdk.Training.Tests.Checkpoints;

public sealed class ResumeTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task FitAsync_ResumedAtAnEpochBoundary_ContinuesTheUninterruptedLossCurveExactly()
    {
        // Dropout (libtorch RNG), shuffling, Adam's moments, a step-wise LR schedule and early-stopping state must all carry over.
        TrainingResult uninterrupted = await Fit(seedModel: 1, maxEpochs: 6, maxSteps: null, resumeFrom: null, "full");

        TrainingResult firstHalf = await Fit(seedModel: 1, maxEpochs: 3, maxSteps: null, resumeFrom: null, "half");
        TrainingResult secondHalf = await Fit(seedModel: 99, maxEpochs: 6, maxSteps: null, resumeFrom: firstHalf.LastCheckpointPath, "resumed");

        double[] expected = Curve(uninterrupted);
        double[] resumed = [.. Curve(firstHalf), .. Curve(secondHalf)];
        Assert.Equal(expected, resumed);
        Assert.Equal(uninterrupted.GlobalStep, secondHalf.GlobalStep);
        Assert.Equal(expected.Length, secondHalf.EpochsCompleted);
    }

    [Fact]
    public async Task FitAsync_ResumedMidEpoch_GivesTheSameEpochLossesAndWeights()
    {
        TrainingResult uninterrupted = await Fit(seedModel: 1, maxEpochs: 3, maxSteps: null, resumeFrom: null, "full");
        float[] expectedWeights = TrainerFitTests.Flatten(_lastModel!);

        // 180 training rows in batches of 32: 6 batches per epoch; stop after step 10, in the middle of epoch 2.
        TrainingResult stopped = await Fit(seedModel: 1, maxEpochs: 3, maxSteps: 10, resumeFrom: null, "stopped");
        Assert.Equal(StopReason.MaxSteps, stopped.StopReason);
        CheckpointInfo info = TrainingCheckpoint.ReadInfo(stopped.LastCheckpointPath!);
        Assert.Equal((1, 4, 10L), (info.EpochsCompleted, info.BatchInEpoch, info.GlobalStep));

        TrainingResult resumed = await Fit(seedModel: 42, maxEpochs: 3, maxSteps: null, resumeFrom: stopped.LastCheckpointPath, "resumed");

        double[] combined = [.. Curve(stopped), .. Curve(resumed)];
        Assert.Equal(Curve(uninterrupted), combined);
        Assert.Equal(expectedWeights, TrainerFitTests.Flatten(_lastModel!));
    }

    [Fact]
    public async Task FitAsync_CheckpointOfAnotherArchitecture_FailsNamingTheParameterAndBothShapesBeforeAnyStep()
    {
        TrainingResult trained = await Fit(seedModel: 1, maxEpochs: 1, maxSteps: null, resumeFrom: null, "source");
        using var wider = TinyModels.Mlp(seed: 1, hidden: 24);
        float[] before = TrainerFitTests.Flatten(wider);
        using TrainingData data = TinyModels.Moons(rows: 100);
        FitOptions options = TinyModels.Classification(maxEpochs: 3);
        options.ResumeFrom = trained.LastCheckpointPath;
        string target = _folder.Combine("never");
        options.Callbacks.Add(new ModelCheckpoint(target));

        CheckpointMismatchException ex = await Assert.ThrowsAsync<CheckpointMismatchException>(
            () => new Trainer(new ComputeDeviceResolver()).FitAsync(wider, data, options));

        Assert.Equal("fc1.weight", ex.ParameterName);
        Assert.Contains("[16, 2]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("[24, 2]", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, TrainerFitTests.Flatten(wider));
        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public async Task FitAsync_ResumeWithAnotherOptimizer_FailsBeforeAnyStep()
    {
        TrainingResult trained = await Fit(seedModel: 1, maxEpochs: 1, maxSteps: null, resumeFrom: null, "source");
        using var model = TinyModels.Mlp(seed: 1);
        float[] before = TrainerFitTests.Flatten(model);
        using TrainingData data = TinyModels.Moons(rows: 100);
        FitOptions options = TinyModels.Classification(maxEpochs: 3);
        options.Optimizer = p => torch.optim.SGD(p, 0.1);
        options.ResumeFrom = trained.LastCheckpointPath;

        CheckpointMismatchException ex = await Assert.ThrowsAsync<CheckpointMismatchException>(
            () => new Trainer(new ComputeDeviceResolver()).FitAsync(model, data, options));

        Assert.Contains("Adam", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SGD", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, TrainerFitTests.Flatten(model));
    }

    [Fact]
    public async Task FitAsync_TruncatedCheckpoint_FailsWithBothHashes()
    {
        TrainingResult trained = await Fit(seedModel: 1, maxEpochs: 1, maxSteps: null, resumeFrom: null, "source");
        string truncated = _folder.Combine("truncated.ckpt");
        byte[] bytes = await File.ReadAllBytesAsync(trained.LastCheckpointPath!);
        await File.WriteAllBytesAsync(truncated, bytes.AsSpan(0, bytes.Length - 100).ToArray());
        using var model = TinyModels.Mlp(seed: 1);
        using TrainingData data = TinyModels.Moons(rows: 100);
        FitOptions options = TinyModels.Classification(maxEpochs: 3);
        options.ResumeFrom = truncated;

        InvalidDataException ex = await Assert.ThrowsAsync<InvalidDataException>(
            () => new Trainer(new ComputeDeviceResolver()).FitAsync(model, data, options));

        Assert.Contains("corrupt or truncated", ex.Message, StringComparison.Ordinal);
        Assert.Matches("should be [0-9a-f]{64} but is [0-9a-f]{64}", ex.Message);
    }

    [Fact]
    public async Task LoadWeights_CheckpointOfSameArchitecture_RestoresTheTrainedWeights()
    {
        TrainingResult trained = await Fit(seedModel: 1, maxEpochs: 2, maxSteps: null, resumeFrom: null, "source");
        float[] expected = TrainerFitTests.Flatten(_lastModel!);
        using var fresh = TinyModels.Mlp(seed: 77);

        TrainingCheckpoint.LoadWeights(fresh, trained.LastCheckpointPath!);

        Assert.Equal(expected, TrainerFitTests.Flatten(fresh));
    }

    private torch.nn.Module<torch.Tensor, torch.Tensor>? _lastModel;

    private static double[] Curve(TrainingResult result) => result.History.Select(static e => e.Metrics["train_loss"]).ToArray();

    private async Task<TrainingResult> Fit(int seedModel, int maxEpochs, long? maxSteps, string? resumeFrom, string name)
    {
        _lastModel?.Dispose();
        _lastModel = TinyModels.Mlp(seed: seedModel, dropout: 0.2);
        using TrainingData data = TinyModels.Moons(rows: 200);
        FitOptions options = TinyModels.Classification(maxEpochs: maxEpochs);
        options.ValidationSplit = 0.1;
        options.MaxSteps = maxSteps;
        options.ResumeFrom = resumeFrom;
        options.Callbacks.Add(new ModelCheckpoint(_folder.Combine(name), monitor: "val_loss", saveTopK: 2));
        options.Callbacks.Add(new EarlyStopping("val_loss", patience: 50));
        options.Callbacks.Add(new LearningRateScheduling(o => torch.optim.lr_scheduler.StepLR(o, 5, 0.7), SchedulerInterval.Step));
        return await new Trainer(new ComputeDeviceResolver()).FitAsync(_lastModel, data, options);
    }
}
