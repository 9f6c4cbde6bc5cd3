using Ml.Sdk.Core.Devices;
using Ml.Sdk.Training.Callbacks;
using Ml.Sdk.Training.Checkpoints;
using Ml.Sdk.Training.Tests.Fitting;
using Ml.Sdk.Training.Tests.TestSupport;
using TorchSharp;

namespace Ml.Sdk.Training.Tests.Callbacks;

public sealed class TerminateOnNonFiniteLossTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task FitAsync_LossBecomesNaN_StopsBeforeThatBatchsStepWithTheLastFiniteWeights()
    {
        // 128 rows in batches of 32: 4 steps per epoch; the 7th batch (epoch 2, batch 3) is the first NaN.
        using var model = TinyModels.Mlp(seed: 4);
        float[] reference = await WeightsAfter(model, maxSteps: 6, accumulation: 1, batchSize: 32);
        using TrainingData data = TinyModels.Moons(rows: 128);
        FitOptions options = Options(nanFromCall: 7, accumulation: 1, batchSize: 32);
        options.Callbacks.Add(new TerminateOnNonFiniteLoss());
        var checkpoint = new ModelCheckpoint(_folder.Combine("ckpt"), monitor: null);
        options.Callbacks.Add(checkpoint);

        TrainingResult result = await new Trainer(new ComputeDeviceResolver()).FitAsync(model, data, options);

        Assert.Equal(StopReason.NonFiniteLoss, result.StopReason);
        Assert.Equal(6, result.GlobalStep);
        Assert.Equal(1, result.EpochsCompleted);
        Assert.Single(result.History);
        float[] weights = TrainerFitTests.Flatten(model);
        Assert.All(weights, static w => Assert.True(float.IsFinite(w)));
        Assert.Equal(reference, weights);

        // The checkpoint written at the end holds the same finite weights and the position before the bad batch.
        CheckpointInfo info = TrainingCheckpoint.ReadInfo(checkpoint.LastPath);
        Assert.Equal((1, 2, 6L), (info.EpochsCompleted, info.BatchInEpoch, info.GlobalStep));
        using var restored = TinyModels.Mlp(seed: 40);
        TrainingCheckpoint.LoadWeights(restored, checkpoint.LastPath);
        Assert.Equal(reference, TrainerFitTests.Flatten(restored));
    }

    [Fact]
    public async Task FitAsync_NaNInTheSecondAccumulatedBatch_DiscardsTheHalfAccumulatedGradient()
    {
        // 128 rows in batches of 16, two batches per step: the 6th batch completes step 3, so only 2 steps ran.
        using var model = TinyModels.Mlp(seed: 4);
        float[] reference = await WeightsAfter(model, maxSteps: 2, accumulation: 2, batchSize: 16);
        using TrainingData data = TinyModels.Moons(rows: 128);
        FitOptions options = Options(nanFromCall: 6, accumulation: 2, batchSize: 16);
        options.Callbacks.Add(new TerminateOnNonFiniteLoss());

        TrainingResult result = await new Trainer(new ComputeDeviceResolver()).FitAsync(model, data, options);

        Assert.Equal(StopReason.NonFiniteLoss, result.StopReason);
        Assert.Equal(2, result.GlobalStep);
        Assert.Equal(0, result.EpochsCompleted);
        Assert.Empty(result.History);
        Assert.Equal(reference, TrainerFitTests.Flatten(model));
    }

    [Fact]
    public async Task FitAsync_LossBecomesNaNWithoutTheCallback_KeepsTraining()
    {
        // Keras-like: nothing stops the fit unless the callback is added; the NaN reaches the weights.
        using var model = TinyModels.Mlp(seed: 4);
        using TrainingData data = TinyModels.Moons(rows: 128);
        FitOptions options = Options(nanFromCall: 7, accumulation: 1, batchSize: 32);

        TrainingResult result = await new Trainer(new ComputeDeviceResolver()).FitAsync(model, data, options);

        Assert.Equal(StopReason.MaxEpochs, result.StopReason);
        Assert.Equal(3, result.EpochsCompleted);
        Assert.Equal(12, result.GlobalStep);
        Assert.True(double.IsFinite(result.History[0].Metrics["train_loss"]));
        Assert.True(double.IsNaN(result.History[1].Metrics["train_loss"]));
        Assert.Contains(TrainerFitTests.Flatten(model), static w => float.IsNaN(w));
    }

    [Fact]
    public void OnBatchEnd_InfiniteLoss_RequestsANonFiniteStopNamingTheBatch()
    {
        using var harness = new CallbackHarness();
        var callback = new TerminateOnNonFiniteLoss();

        callback.OnBatchEnd(harness.Context, 0.7);
        Assert.False(harness.Context.StopRequested);
        callback.OnBatchEnd(harness.Context, double.PositiveInfinity);

        Assert.Equal(StopReason.NonFiniteLoss, harness.Context.StopReason);
        Assert.Contains("Infinity", harness.Context.StopMessage, StringComparison.Ordinal);
        Assert.Contains("batch 1", harness.Context.StopMessage, StringComparison.Ordinal);
    }

    private static FitOptions Options(int nanFromCall, int accumulation, int batchSize)
    {
        FitOptions options = TinyModels.Classification(maxEpochs: 3, batchSize: batchSize);
        Func<torch.Tensor, torch.Tensor, torch.Tensor> loss = options.Loss!;
        int calls = 0;
        options.Loss = (output, labels) => ++calls >= nanFromCall ? loss(output, labels) * float.NaN : loss(output, labels);
        options.AccumulationSteps = accumulation;
        return options;
    }

    /// <summary>The weights a twin of <paramref name="start"/> has after <paramref name="maxSteps"/> clean steps.</summary>
    private static async Task<float[]> WeightsAfter(torch.nn.Module<torch.Tensor, torch.Tensor> start, long maxSteps, int accumulation, int batchSize)
    {
        using var model = CallbackHarness.Twin(start);
        using TrainingData data = TinyModels.Moons(rows: 128);
        FitOptions options = TinyModels.Classification(maxEpochs: 3, batchSize: batchSize);
        options.AccumulationSteps = accumulation;
        options.MaxSteps = maxSteps;
        TrainingResult result = await new Trainer(new ComputeDeviceResolver()).FitAsync(model, data, options);
        Assert.Equal(maxSteps, result.GlobalStep);
        return TrainerFitTests.Flatten(model);
    }
}
