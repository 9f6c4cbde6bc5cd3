using Ml.Sdk.Core.Devices;
using Ml.Sdk.Registry.Tracking;
using Ml.Sdk.Training.Callbacks;
using Ml.Sdk.Training.Checkpoints;
using Ml.Sdk.Training.Tests.Search;
using Ml.Sdk.Training.Tests.TestSupport;
using TorchSharp;

namespace Ml.Sdk.Training.Tests.Fitting;

/// <summary>A fit tracked in a real SQLite tracker: what the run holds, and how it ends when the fit finishes, is cancelled or fails.</summary>
public sealed class TrainerTrackingTests : IDisposable
{
    private const string Experiment = "tracked-fits";

    private readonly TempFolder _folder = new();
    private readonly TemporaryTracker _tracker = new();

    public void Dispose()
    {
        _tracker.Dispose();
        _folder.Dispose();
    }

    private IExperimentTracker Tracker => _tracker.Tracker;

    [Fact]
    public async Task FitAsync_Tracked_RecordsAFinishedRunWithParamsMetricsTagsAndCheckpoints()
    {
        using var model = TinyModels.Mlp(seed: 2);
        using TrainingData data = TinyModels.Moons(rows: 200);
        FitOptions options = TinyModels.Classification(maxEpochs: 3);
        options.ValidationSplit = 0.2;
        options.ExperimentName = Experiment;
        options.RunName = "moons";
        options.Params["hidden"] = "16";
        var checkpoint = new ModelCheckpoint(_folder.Combine("ckpt"), monitor: "val_loss");
        options.Callbacks.Add(checkpoint);

        TrainingResult result = await new Trainer(new ComputeDeviceResolver(), Tracker).FitAsync(model, data, options);

        RunInfo listed = Assert.Single(await Tracker.ListRunsAsync(Experiment));
        Assert.Equal(listed.RunId, result.RunId);
        RunDetails run = await Tracker.GetRunAsync(result.RunId!);
        Assert.Equal(RunStatus.Finished, run.Info.Status);
        Assert.Equal("moons", run.Info.Name);
        Assert.Equal("32", run.Params["batch_size"]);
        Assert.Equal("Adam", run.Params["optimizer"]);
        Assert.Equal(0.01, double.Parse(run.Params["learning_rate"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("7", run.Params["seed"]);
        Assert.Equal("3", run.Params["max_epochs"]);
        Assert.Equal("0.2", run.Params["validation_split"]);
        Assert.Equal("16", run.Params["hidden"]);

        foreach (string metric in new[] { "train_loss", "val_loss" })
        {
            IReadOnlyList<MetricPoint> history = await Tracker.GetMetricHistoryAsync(result.RunId!, metric);
            Assert.Equal([1L, 2L, 3L], history.Select(static p => p.Step));
            Assert.Equal(result.History.Select(e => e.Metrics[metric]), history.Select(static p => p.Value));
        }

        Assert.Equal(result.FinalMetrics["val_accuracy"], run.LatestMetrics["final_val_accuracy"].Value);
        Assert.Equal(result.FinalMetrics["val_loss"], run.LatestMetrics["final_val_loss"].Value);
        Assert.Equal("MaxEpochs", run.Tags["ml_sdk.training.stop_reason"]);
        Assert.Equal("3", run.Tags["ml_sdk.training.epochs"]);
        Assert.Equal(result.GlobalStep.ToString(System.Globalization.CultureInfo.InvariantCulture), run.Tags["ml_sdk.training.global_step"]);

        IReadOnlyList<RunArtifact> artifacts = await Tracker.ListArtifactsAsync(result.RunId!);
        Assert.Equal(["best.ckpt", "last.ckpt"], artifacts.Select(static a => a.FileName).Order(StringComparer.Ordinal));
        Assert.Equal(checkpoint.LastPath, result.LastCheckpointPath);
        Assert.Equal(checkpoint.BestPath, result.BestCheckpointPath);
        Assert.Equal(await File.ReadAllBytesAsync(result.LastCheckpointPath!), await ReadArtifact(result.RunId!, "last.ckpt"));
        Assert.Equal(await File.ReadAllBytesAsync(result.BestCheckpointPath!), await ReadArtifact(result.RunId!, "best.ckpt"));
    }

    [Fact]
    public async Task FitAsync_TrackedWithoutModelCheckpoint_StillLogsAResumableLastCheckpoint()
    {
        using var model = TinyModels.Mlp(seed: 2);
        using TrainingData data = TinyModels.Moons(rows: 96);
        FitOptions options = TinyModels.Classification(maxEpochs: 2);
        options.ExperimentName = Experiment;

        TrainingResult result = await new Trainer(new ComputeDeviceResolver(), Tracker).FitAsync(model, data, options);

        Assert.Null(result.LastCheckpointPath);
        RunArtifact artifact = Assert.Single(await Tracker.ListArtifactsAsync(result.RunId!));
        Assert.Equal("last.ckpt", artifact.FileName);
        string copy = _folder.Combine("copy.ckpt");
        await File.WriteAllBytesAsync(copy, await ReadArtifact(result.RunId!, "last.ckpt"));
        CheckpointInfo info = TrainingCheckpoint.ReadInfo(copy);
        Assert.Equal((2, result.GlobalStep), (info.EpochsCompleted, info.GlobalStep));
        using var restored = TinyModels.Mlp(seed: 99);
        TrainingCheckpoint.LoadWeights(restored, copy);
        Assert.Equal(TrainerFitTests.Flatten(model), TrainerFitTests.Flatten(restored));
    }

    [Fact]
    public async Task FitAsync_IntoAnExistingRun_LogsIntoItAndLeavesItRunning()
    {
        RunInfo trial = await Tracker.StartRunAsync(Experiment, "trial-1");
        using var model = TinyModels.Mlp(seed: 2);
        using TrainingData data = TinyModels.Moons(rows: 96);
        FitOptions options = TinyModels.Classification(maxEpochs: 2);
        options.RunId = trial.RunId;

        TrainingResult result = await new Trainer(new ComputeDeviceResolver(), Tracker).FitAsync(model, data, options);

        Assert.Equal(trial.RunId, result.RunId);
        Assert.Single(await Tracker.ListRunsAsync(Experiment));
        RunDetails run = await Tracker.GetRunAsync(trial.RunId);
        Assert.Equal(RunStatus.Running, run.Info.Status);
        Assert.Null(run.Info.EndTime);
        Assert.Equal(2, (await Tracker.GetMetricHistoryAsync(trial.RunId, "train_loss")).Count);
        Assert.Equal("MaxEpochs", run.Tags["ml_sdk.training.stop_reason"]);
    }

    [Fact]
    public async Task FitAsync_CancelledWhileTracked_EndsTheRunKilled()
    {
        using var model = TinyModels.Mlp(seed: 2);
        using TrainingData data = TinyModels.Moons(rows: 96);
        FitOptions options = TinyModels.Classification(maxEpochs: 10);
        options.ExperimentName = Experiment;
        using var cancellation = new CancellationTokenSource();
        options.Callbacks.Add(new CancelAtEpochStart(cancellation, epoch: 2));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new Trainer(new ComputeDeviceResolver(), Tracker).FitAsync(model, data, options, cancellationToken: cancellation.Token));

        RunInfo run = Assert.Single(await Tracker.ListRunsAsync(Experiment));
        Assert.Equal(RunStatus.Killed, run.Status);
        Assert.NotNull(run.EndTime);
        Assert.Single(await Tracker.GetMetricHistoryAsync(run.RunId, "train_loss"));
    }

    [Fact]
    public async Task FitAsync_CancelledInAnExistingRun_LeavesTheRunToItsOwner()
    {
        RunInfo trial = await Tracker.StartRunAsync(Experiment, "trial-1");
        using var model = TinyModels.Mlp(seed: 2);
        using TrainingData data = TinyModels.Moons(rows: 96);
        FitOptions options = TinyModels.Classification(maxEpochs: 10);
        options.RunId = trial.RunId;
        using var cancellation = new CancellationTokenSource();
        options.Callbacks.Add(new CancelAtEpochStart(cancellation, epoch: 2));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new Trainer(new ComputeDeviceResolver(), Tracker).FitAsync(model, data, options, cancellationToken: cancellation.Token));

        Assert.Equal(RunStatus.Running, (await Tracker.GetRunAsync(trial.RunId)).Info.Status);
    }

    [Fact]
    public async Task FitAsync_LossThrowsMidEpoch_EndsTheRunFailedAndRethrows()
    {
        using var model = TinyModels.Mlp(seed: 2);
        using TrainingData data = TinyModels.Moons(rows: 96);
        FitOptions options = TinyModels.Classification(maxEpochs: 3);
        Func<torch.Tensor, torch.Tensor, torch.Tensor> loss = options.Loss!;
        int calls = 0;

        // 96 rows in batches of 32: the fifth call is the second batch of epoch 2.
        options.Loss = (output, labels) => ++calls == 5 ? throw new InvalidOperationException("loss exploded") : loss(output, labels);
        options.ExperimentName = Experiment;
        string checkpoints = _folder.Combine("ckpt");
        options.Callbacks.Add(new ModelCheckpoint(checkpoints, monitor: null));

        InvalidOperationException ex = await Assert.ThrowsAsync<InvalidOperationException>(
            () => new Trainer(new ComputeDeviceResolver(), Tracker).FitAsync(model, data, options));

        Assert.Equal("loss exploded", ex.Message);
        RunInfo run = Assert.Single(await Tracker.ListRunsAsync(Experiment));
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.NotNull(run.EndTime);
        Assert.Single(await Tracker.GetMetricHistoryAsync(run.RunId, "train_loss"));
        Assert.Empty(await Tracker.ListArtifactsAsync(run.RunId));
    }

    private async Task<byte[]> ReadArtifact(string runId, string name)
    {
        await using Stream stream = await Tracker.OpenArtifactAsync(runId, name);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private sealed class CancelAtEpochStart(CancellationTokenSource source, int epoch) : ITrainingCallback
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
