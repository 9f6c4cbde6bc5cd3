using Ml.Sdk.Core.Devices;
using Ml.Sdk.Training.Callbacks;
using Ml.Sdk.Training.Tests.TestSupport;

namespace Ml.Sdk.Training.Tests.Callbacks;

public sealed class EarlyStoppingTests
{
    [Fact]
    public void OnEpochEnd_PatienceEpochsWithoutImprovement_RequestsStopAtThatEpoch()
    {
        using var harness = new CallbackHarness();
        var stopping = new EarlyStopping("val_loss", patience: 2);

        Feed(stopping, harness, 1.0, 0.9, 0.95);
        Assert.False(harness.Context.StopRequested);
        Assert.Equal(1, stopping.Wait);

        Feed(stopping, harness, startEpoch: 4, 0.92);

        Assert.True(harness.Context.StopRequested);
        Assert.Equal(StopReason.Callback, harness.Context.StopReason);
        Assert.Equal(4, stopping.StoppedEpoch);
        Assert.Equal(0.9, stopping.Best);
        Assert.Equal(2, stopping.BestEpoch);
        Assert.Contains("val_loss", harness.Context.StopMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void OnEpochEnd_ImprovementResetsWait_NoStopBeforePatienceConsecutiveBadEpochs()
    {
        using var harness = new CallbackHarness();
        var stopping = new EarlyStopping("val_loss", patience: 2);

        // Bad, improve, bad, improve: never two bad epochs in a row.
        Feed(stopping, harness, 1.0, 1.1, 0.8, 0.85, 0.7, 0.75);

        Assert.False(harness.Context.StopRequested);
        Assert.Equal(0, stopping.StoppedEpoch);
        Assert.Equal((0.7, 5, 1), (stopping.Best, stopping.BestEpoch, stopping.Wait));
    }

    [Fact]
    public void OnEpochEnd_MinDelta_CountsOnlyChangesLargerThanTheDelta()
    {
        using var harness = new CallbackHarness();
        var stopping = new EarlyStopping("val_loss", patience: 5, minDelta: 0.25);

        Feed(stopping, harness, 1.0);
        Assert.Equal((1.0, 1, 0), (stopping.Best, stopping.BestEpoch, stopping.Wait));

        // Exactly the delta is not an improvement (Keras: better by more than min_delta), nor is less.
        Feed(stopping, harness, startEpoch: 2, 0.75, 0.875);
        Assert.Equal((1.0, 1, 2), (stopping.Best, stopping.BestEpoch, stopping.Wait));

        Feed(stopping, harness, startEpoch: 4, 0.5);
        Assert.Equal((0.5, 4, 0), (stopping.Best, stopping.BestEpoch, stopping.Wait));
    }

    [Fact]
    public void OnEpochEnd_ModeMax_HigherIsBetter()
    {
        using var harness = new CallbackHarness();
        var stopping = new EarlyStopping("val_accuracy", MonitorMode.Max, patience: 2);

        Feed(stopping, harness, "val_accuracy", 1, 0.5, 0.6);
        Assert.Equal((0.6, 2, 0), (stopping.Best, stopping.BestEpoch, stopping.Wait));

        // Equal is not better, lower is worse.
        Feed(stopping, harness, "val_accuracy", 3, 0.6, 0.55);

        Assert.True(harness.Context.StopRequested);
        Assert.Equal(4, stopping.StoppedEpoch);
        Assert.Equal(0.6, stopping.Best);
    }

    [Fact]
    public void OnEpochEnd_NaN_NeverImproves()
    {
        using var harness = new CallbackHarness();
        var stopping = new EarlyStopping("val_loss", patience: 2);

        Feed(stopping, harness, double.NaN);
        Assert.Equal(double.PositiveInfinity, stopping.Best);
        Assert.Equal((0, 1), (stopping.BestEpoch, stopping.Wait));

        Feed(stopping, harness, startEpoch: 2, 0.5, double.NaN, double.NaN);

        Assert.Equal((0.5, 2), (stopping.Best, stopping.BestEpoch));
        Assert.True(harness.Context.StopRequested);
        Assert.Equal(4, stopping.StoppedEpoch);
    }

    [Fact]
    public void OnEpochEnd_MonitoredMetricMissing_ThrowsNamingTheAvailableMetrics()
    {
        using var harness = new CallbackHarness();
        var stopping = new EarlyStopping("val_loss");

        InvalidOperationException ex = Assert.Throws<InvalidOperationException>(
            () => stopping.OnEpochEnd(harness.Context, CallbackHarness.Epoch(3, ("train_loss", 0.4), ("lr", 0.01))));

        Assert.Contains("EarlyStopping", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'val_loss'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("epoch 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("lr, train_loss", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SaveState_Fresh_RoundTripsTheInfiniteBest()
    {
        using var harness = new CallbackHarness();
        var saved = new EarlyStopping("val_loss", patience: 2);
        var restored = new EarlyStopping("val_loss", patience: 2);
        Feed(restored, harness, 0.3);

        restored.LoadState(saved.SaveState());

        Assert.Equal(double.PositiveInfinity, restored.Best);
        Assert.Equal((0, 0), (restored.BestEpoch, restored.Wait));
    }

    [Fact]
    public void SaveState_MidFit_RestoredCallbackStopsAtTheSameEpoch()
    {
        using var original = new CallbackHarness();
        using var resumed = new CallbackHarness();
        var first = new EarlyStopping("val_loss", patience: 3);
        Feed(first, original, 1.0, 0.8, 0.9);
        var second = new EarlyStopping("val_loss", patience: 3);

        second.LoadState(first.SaveState());

        Assert.Equal((first.Best, first.BestEpoch, first.Wait), (second.Best, second.BestEpoch, second.Wait));
        Feed(first, original, startEpoch: 4, 0.85, 0.81);
        Feed(second, resumed, startEpoch: 4, 0.85, 0.81);
        Assert.True(original.Context.StopRequested);
        Assert.True(resumed.Context.StopRequested);
        Assert.Equal(5, first.StoppedEpoch);
        Assert.Equal(first.StoppedEpoch, second.StoppedEpoch);
    }

    [Fact]
    public void SaveState_MaxModeNegativeInfinity_RoundTrips()
    {
        var saved = new EarlyStopping("val_accuracy", MonitorMode.Max);
        var restored = new EarlyStopping("val_accuracy", MonitorMode.Max);

        restored.LoadState(saved.SaveState());

        Assert.Equal(double.NegativeInfinity, restored.Best);
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1, -0.1)]
    [InlineData(1, double.NaN)]
    [InlineData(1, double.PositiveInfinity)]
    public void Constructor_OutOfRange_Throws(int patience, double minDelta)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping("val_loss", patience: patience, minDelta: minDelta));
    }

    [Fact]
    public async Task FitAsync_TrainLossWithAHugeMinDelta_StopsAfterPatiencePlusOneEpochs()
    {
        // Only the first epoch (from +∞) can beat the best by more than 100; two more epochs exhaust the patience.
        using var model = TinyModels.Mlp(seed: 1);
        using TrainingData data = TinyModels.Moons(rows: 96);
        FitOptions options = TinyModels.Classification(maxEpochs: 20);
        var stopping = new EarlyStopping("train_loss", patience: 2, minDelta: 100);
        options.Callbacks.Add(stopping);

        TrainingResult result = await new Trainer(new ComputeDeviceResolver()).FitAsync(model, data, options);

        Assert.Equal(StopReason.Callback, result.StopReason);
        Assert.Equal(3, result.EpochsCompleted);
        Assert.Equal(3, stopping.StoppedEpoch);
        Assert.Equal(1, stopping.BestEpoch);
        Assert.Equal(result.History[0].Metrics["train_loss"], stopping.Best);
    }

    private static void Feed(EarlyStopping stopping, CallbackHarness harness, params double[] values) =>
        Feed(stopping, harness, "val_loss", 1, values);

    private static void Feed(EarlyStopping stopping, CallbackHarness harness, int startEpoch, params double[] values) =>
        Feed(stopping, harness, "val_loss", startEpoch, values);

    private static void Feed(EarlyStopping stopping, CallbackHarness harness, string metric, int startEpoch, params double[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            stopping.OnEpochEnd(harness.Context, CallbackHarness.Epoch(startEpoch + i, (metric, values[i]), ("train_loss", 1.0)));
        }
    }
}
