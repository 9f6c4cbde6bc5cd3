using Ml.Sdk.Core.Devices;
using Ml.Sdk.Training.Callbacks;
using Ml.Sdk.Training.Checkpoints;
using Ml.Sdk.Training.Tests.TestSupport;

namespace Ml.Sdk.Training.Tests.Callbacks;

public sealed class ModelCheckpointTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task FitAsync_TopTwoByValLoss_KeepsExactlyTheTwoBestEpochsAndLast()
    {
        string directory = _folder.Combine("ckpt");
        using var model = TinyModels.Mlp(seed: 3);
        using TrainingData data = TinyModels.Moons(rows: 160, noise: 0.3);
        FitOptions options = TinyModels.Classification(maxEpochs: 6, batchSize: 16, learningRate: 0.05);
        options.ValidationSplit = 0.25;
        var checkpoint = new ModelCheckpoint(directory, monitor: "val_loss", saveTopK: 2);
        options.Callbacks.Add(checkpoint);

        TrainingResult result = await new Trainer(new ComputeDeviceResolver()).FitAsync(model, data, options);

        EpochSummary[] best = result.History
            .OrderBy(static e => e.Metrics["val_loss"])
            .ThenBy(static e => e.Epoch)
            .Take(2)
            .ToArray();
        string[] expected = [.. best.Select(e => Path.Combine(directory, $"epoch-{e.Epoch:D4}.ckpt")), checkpoint.LastPath];
        Assert.Equal(expected.Order(StringComparer.Ordinal), _folder.Files("ckpt").Order(StringComparer.Ordinal));
        Assert.Equal(expected[..2], checkpoint.KeptPaths);
        foreach (EpochSummary epoch in best)
        {
            CheckpointInfo info = TrainingCheckpoint.ReadInfo(Path.Combine(directory, $"epoch-{epoch.Epoch:D4}.ckpt"));
            Assert.Equal(epoch.Epoch, info.EpochsCompleted);
            Assert.Equal(epoch.GlobalStep, info.GlobalStep);
            Assert.Equal(epoch.Metrics["val_loss"], info.Metrics["val_loss"]);
        }

        Assert.Equal(expected[0], checkpoint.BestPath);
        Assert.Equal(best[0].Metrics["val_loss"], checkpoint.BestValue);
        Assert.Equal(checkpoint.BestPath, result.BestCheckpointPath);
        Assert.Equal(checkpoint.LastPath, result.LastCheckpointPath);
        Assert.Equal(6, TrainingCheckpoint.ReadInfo(checkpoint.LastPath).EpochsCompleted);
    }

    [Fact]
    public async Task FitAsync_ModeMaxOnValAccuracy_KeepsTheFirstEpochWithTheHighestAccuracy()
    {
        string directory = _folder.Combine("ckpt");
        using var model = TinyModels.Mlp(seed: 3);
        using TrainingData data = TinyModels.Moons(rows: 160, noise: 0.3);
        FitOptions options = TinyModels.Classification(maxEpochs: 5, batchSize: 16, learningRate: 0.05);
        options.ValidationSplit = 0.25;
        var checkpoint = new ModelCheckpoint(directory, monitor: "val_accuracy", mode: MonitorMode.Max, saveTopK: 1, saveLast: false);
        options.Callbacks.Add(checkpoint);

        TrainingResult result = await new Trainer(new ComputeDeviceResolver()).FitAsync(model, data, options);

        double highest = result.History.Max(static e => e.Metrics["val_accuracy"]);
        int first = result.History.First(e => e.Metrics["val_accuracy"] == highest).Epoch;
        string expected = Path.Combine(directory, $"epoch-{first:D4}.ckpt");
        Assert.Equal([expected], _folder.Files("ckpt"));
        Assert.Equal(expected, checkpoint.BestPath);
        Assert.Equal(highest, checkpoint.BestValue);
        Assert.Equal(highest, TrainingCheckpoint.ReadInfo(expected).Metrics["val_accuracy"]);
        Assert.Null(result.LastCheckpointPath);
        Assert.Equal(expected, result.BestCheckpointPath);
    }

    [Fact]
    public void OnEpochEnd_UnorderedValues_KeepsTheTopKAndDeletesTheRest()
    {
        // Driven directly, with the trainer's part (writing requested files) done by hand, so that the values are not monotone.
        using var harness = new CallbackHarness();
        string directory = _folder.Combine("direct");
        var checkpoint = new ModelCheckpoint(directory, monitor: "val_loss", saveTopK: 2, saveLast: false);
        checkpoint.OnFitStart(harness.Context);
        double[] values = [0.5, 0.3, 0.4, 0.2, 0.6, double.NaN, 0.25];

        for (int i = 0; i < values.Length; i++)
        {
            checkpoint.OnEpochEnd(harness.Context, CallbackHarness.Epoch(i + 1, ("val_loss", values[i])));
            foreach (string path in harness.Context.RequestedCheckpoints)
            {
                File.WriteAllText(path, "checkpoint");
            }

            harness.Context.ClearRequestedCheckpoints();
        }

        string[] expected = [Path.Combine(directory, "epoch-0004.ckpt"), Path.Combine(directory, "epoch-0007.ckpt")];
        Assert.Equal(expected, checkpoint.KeptPaths);
        Assert.Equal(expected, _folder.Files("direct").Order(StringComparer.Ordinal));
        Assert.Equal(0.2, checkpoint.BestValue);
        Assert.Equal(expected[0], checkpoint.BestPath);
    }

    [Fact]
    public void OnEpochEnd_TieWithTheWorstKept_DoesNotReplaceIt()
    {
        using var harness = new CallbackHarness();
        var checkpoint = new ModelCheckpoint(_folder.Combine("ties"), monitor: "val_loss", saveTopK: 1, saveLast: false);
        checkpoint.OnFitStart(harness.Context);

        checkpoint.OnEpochEnd(harness.Context, CallbackHarness.Epoch(1, ("val_loss", 0.5)));
        harness.Context.ClearRequestedCheckpoints();
        checkpoint.OnEpochEnd(harness.Context, CallbackHarness.Epoch(2, ("val_loss", 0.5)));

        Assert.Empty(harness.Context.RequestedCheckpoints);
        Assert.EndsWith("epoch-0001.ckpt", checkpoint.BestPath, StringComparison.Ordinal);
    }

    [Fact]
    public void SaveState_RoundTrip_RestoresTheKeptFilesThatStillExist()
    {
        using var harness = new CallbackHarness();
        string directory = _folder.Combine("state");
        var checkpoint = new ModelCheckpoint(directory, monitor: "val_loss", saveTopK: 2, saveLast: false);
        checkpoint.OnFitStart(harness.Context);
        foreach ((int epoch, double value) in new[] { (1, 0.4), (2, 0.3) })
        {
            checkpoint.OnEpochEnd(harness.Context, CallbackHarness.Epoch(epoch, ("val_loss", value)));
        }

        foreach (string path in harness.Context.RequestedCheckpoints)
        {
            File.WriteAllText(path, "checkpoint");
        }

        string state = checkpoint.SaveState();
        File.Delete(Path.Combine(directory, "epoch-0001.ckpt"));
        var restored = new ModelCheckpoint(directory, monitor: "val_loss", saveTopK: 2, saveLast: false);

        restored.LoadState(state);

        Assert.Equal([Path.Combine(directory, "epoch-0002.ckpt")], restored.KeptPaths);
        Assert.Equal(0.3, restored.BestValue);
    }

    [Fact]
    public void Constructor_NoMonitorAndNoLast_IsRejected()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => new ModelCheckpoint(_folder.Combine("x"), monitor: null, saveLast: false));

        Assert.Equal("saveLast", ex.ParamName);
    }

    [Fact]
    public void Constructor_TopKZero_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelCheckpoint(_folder.Combine("x"), saveTopK: 0));
    }

    [Fact]
    public void BestPath_BeforeAnyEpoch_IsNull()
    {
        var checkpoint = new ModelCheckpoint(_folder.Combine("x"));

        Assert.Null(checkpoint.BestPath);
        Assert.Null(checkpoint.BestValue);
        Assert.Empty(checkpoint.KeptPaths);
        Assert.Equal(Path.Combine(_folder.Combine("x"), ModelCheckpoint.LastFileName), checkpoint.LastPath);
    }

    [Fact]
    public async Task FitAsync_MonitorWithoutValidation_FailsNamingTheReportedMetrics()
    {
        using var model = TinyModels.Mlp(seed: 3);
        using TrainingData data = TinyModels.Moons(rows: 64);
        FitOptions options = TinyModels.Classification(maxEpochs: 2);
        options.Callbacks.Add(new ModelCheckpoint(_folder.Combine("ckpt"), monitor: "val_loss"));

        InvalidOperationException ex = await Assert.ThrowsAsync<InvalidOperationException>(
            () => new Trainer(new ComputeDeviceResolver()).FitAsync(model, data, options));

        Assert.Contains("ModelCheckpoint", ex.Message, StringComparison.Ordinal);
        Assert.Contains("lr, train_loss", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_folder.Files("ckpt"));
    }

    [Fact]
    public async Task FitAsync_NoMonitor_WritesOnlyLast()
    {
        string directory = _folder.Combine("ckpt");
        using var model = TinyModels.Mlp(seed: 3);
        using TrainingData data = TinyModels.Moons(rows: 64);
        FitOptions options = TinyModels.Classification(maxEpochs: 2);
        var checkpoint = new ModelCheckpoint(directory, monitor: null);
        options.Callbacks.Add(checkpoint);

        TrainingResult result = await new Trainer(new ComputeDeviceResolver()).FitAsync(model, data, options);

        Assert.Equal([checkpoint.LastPath], _folder.Files("ckpt"));
        Assert.Null(result.BestCheckpointPath);
        using var restored = TinyModels.Mlp(seed: 50);
        TrainingCheckpoint.LoadWeights(restored, checkpoint.LastPath);
        Assert.Equal(Fitting.TrainerFitTests.Flatten(model), Fitting.TrainerFitTests.Flatten(restored));
    }
}
