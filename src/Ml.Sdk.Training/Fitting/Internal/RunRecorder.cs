using System.Globalization;
using Ml.Sdk.Registry;
using Ml.Sdk.Registry.Tracking;

namespace Ml.Sdk.Training.Fitting.Internal;

/// <summary>Records a fit as a Registry run: params at the start, each epoch's metrics, the final figures, the checkpoint.</summary>
internal sealed class RunRecorder
{
    public const string FinalPrefix = "final_";
    public const string StopReasonTag = "ml_sdk.training.stop_reason";
    public const string DeviceTag = "ml_sdk.training.device";

    private readonly IExperimentTracker _tracker;
    private readonly TimeProvider _time;

    private RunRecorder(IExperimentTracker tracker, TimeProvider time, string runId, bool ownsRun)
    {
        _tracker = tracker;
        _time = time;
        RunId = runId;
        OwnsRun = ownsRun;
    }

    public string RunId { get; }

    /// <summary>Gets whether this fit started the run (and so ends it); a search's trial run is ended by the search.</summary>
    public bool OwnsRun { get; }

    public static async Task<RunRecorder> StartAsync(IExperimentTracker tracker, TimeProvider time, FitOptions options, CancellationToken cancellationToken)
    {
        if (options.RunId is { } existing)
        {
            _ = await tracker.GetRunAsync(existing, cancellationToken).ConfigureAwait(false);
            return new RunRecorder(tracker, time, existing, ownsRun: false);
        }

        RunInfo run = await tracker.StartRunAsync(options.ExperimentName!, options.RunName, tags: null, cancellationToken).ConfigureAwait(false);
        return new RunRecorder(tracker, time, run.RunId, ownsRun: true);
    }

    public Task LogParamsAsync(IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        var batch = new RunBatch();
        foreach ((string key, string value) in parameters)
        {
            batch.Params[key] = value;
        }

        return _tracker.LogBatchAsync(RunId, batch, cancellationToken);
    }

    public Task LogEpochAsync(EpochSummary epoch, CancellationToken cancellationToken)
    {
        var batch = new RunBatch();
        DateTimeOffset now = _time.GetUtcNow();
        foreach ((string key, double value) in epoch.Metrics)
        {
            batch.Metrics.Add(new MetricPoint(key, value, epoch.Epoch, now));
        }

        return _tracker.LogBatchAsync(RunId, batch, cancellationToken);
    }

    public async Task CompleteAsync(TrainingResult result, IReadOnlyList<(string Name, string Path)> checkpoints, bool endRun, CancellationToken cancellationToken)
    {
        var batch = new RunBatch();
        DateTimeOffset now = _time.GetUtcNow();
        foreach ((string key, double value) in result.FinalMetrics)
        {
            batch.Metrics.Add(new MetricPoint(FinalPrefix + key, value, result.EpochsCompleted, now));
        }

        batch.Tags[StopReasonTag] = result.StopReason.ToString();
        batch.Tags[DeviceTag] = result.Device.ToString();
        batch.Tags["ml_sdk.training.epochs"] = result.EpochsCompleted.ToString(CultureInfo.InvariantCulture);
        batch.Tags["ml_sdk.training.global_step"] = result.GlobalStep.ToString(CultureInfo.InvariantCulture);
        await _tracker.LogBatchAsync(RunId, batch, cancellationToken).ConfigureAwait(false);
        foreach ((string name, string path) in checkpoints)
        {
            _ = await _tracker.LogArtifactAsync(RunId, ArtifactSource.FromFile(name, path), cancellationToken).ConfigureAwait(false);
        }

        if (OwnsRun && endRun)
        {
            _ = await _tracker.EndRunAsync(RunId, RunStatus.Finished, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task AbandonAsync(RunStatus status)
    {
        if (OwnsRun)
        {
            _ = await _tracker.EndRunAsync(RunId, status, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
