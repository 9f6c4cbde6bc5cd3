using Microsoft.Extensions.Time.Testing;
using Ml.Sdk.Core.Devices;
using Ml.Sdk.Training.Callbacks;
using Ml.Sdk.Training.Tests.TestSupport;

namespace Ml.Sdk.Training.Tests.Callbacks;

/// <summary><see cref="FitOptions.MaxTime"/> on a <see cref="FakeTimeProvider"/> that a callback advances as the fit runs.</summary>
public sealed class MaxTimeTests
{
    [Fact]
    public async Task FitAsync_ClockPassesMaxTime_StopsAtTheStepThatReachedIt()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero));
        using var model = TinyModels.Mlp(seed: 1);
        using TrainingData data = TinyModels.Moons(rows: 320);
        FitOptions options = TinyModels.Classification(maxEpochs: 10);
        options.MaxTime = TimeSpan.FromSeconds(15);
        options.Callbacks.Add(new AdvanceClock(time, afterStep: TimeSpan.FromSeconds(1)));

        TrainingResult result = await new Trainer(new ComputeDeviceResolver(), timeProvider: time).FitAsync(model, data, options);

        // 10 steps per epoch, one second each: the 15th step (epoch 2, batch 5) reaches 15 s.
        Assert.Equal(StopReason.MaxTime, result.StopReason);
        Assert.Equal(15, result.GlobalStep);
        Assert.Equal(1, result.EpochsCompleted);
        Assert.Single(result.History);
    }

    [Fact]
    public async Task FitAsync_ClockPassesMaxTimeMidAccumulation_StopsOnlyAfterTheStepCompletes()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero));
        using var model = TinyModels.Mlp(seed: 1);
        using TrainingData data = TinyModels.Moons(rows: 320);
        FitOptions options = TinyModels.Classification(maxEpochs: 10);
        options.AccumulationSteps = 2;
        options.MaxTime = TimeSpan.FromSeconds(3);
        options.Callbacks.Add(new AdvanceClock(time, afterBatch: TimeSpan.FromSeconds(1)));

        TrainingResult result = await new Trainer(new ComputeDeviceResolver(), timeProvider: time).FitAsync(model, data, options);

        // 3 s pass after the 3rd batch, half of step 2; the fit stops after the 4th batch completes step 2.
        Assert.Equal(StopReason.MaxTime, result.StopReason);
        Assert.Equal(2, result.GlobalStep);
        Assert.Equal(0, result.EpochsCompleted);
    }

    [Fact]
    public async Task FitAsync_ClockBelowMaxTime_RunsAllEpochs()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero));
        using var model = TinyModels.Mlp(seed: 1);
        using TrainingData data = TinyModels.Moons(rows: 64);
        FitOptions options = TinyModels.Classification(maxEpochs: 3);
        options.MaxTime = TimeSpan.FromSeconds(7);
        options.Callbacks.Add(new AdvanceClock(time, afterStep: TimeSpan.FromSeconds(1)));

        TrainingResult result = await new Trainer(new ComputeDeviceResolver(), timeProvider: time).FitAsync(model, data, options);

        // 2 steps per epoch, 6 in all: 6 s never reach 7 s.
        Assert.Equal(StopReason.MaxEpochs, result.StopReason);
        Assert.Equal(6, result.GlobalStep);
        Assert.Equal(TimeSpan.FromSeconds(2), result.History[1].Duration);
    }

    private sealed class AdvanceClock(FakeTimeProvider time, TimeSpan afterStep = default, TimeSpan afterBatch = default) : ITrainingCallback
    {
        public void OnBatchEnd(TrainingContext context, double loss)
        {
            if (afterBatch > TimeSpan.Zero)
            {
                time.Advance(afterBatch);
            }
        }

        public void OnStepEnd(TrainingContext context)
        {
            if (afterStep > TimeSpan.Zero)
            {
                time.Advance(afterStep);
            }
        }
    }
}
