namespace Ml.Sdk.Monitoring.Live;

/// <summary>A monitored model's counters since the host started.</summary>
public sealed class ModelMonitorStatus
{
    /// <summary>Gets the model's name.</summary>
    public required string ModelName { get; init; }

    /// <summary>Gets how many inferences were sampled and queued for the background service.</summary>
    public required long SampledInferences { get; init; }

    /// <summary>Gets how many rows those inferences held.</summary>
    public required long SampledRows { get; init; }

    /// <summary>Gets how many sampled inferences were dropped because the queue was full.</summary>
    public required long DroppedInferences { get; init; }

    /// <summary>Gets how many sampled inferences were skipped because a monitored tensor was missing, of an unsupported type, too narrow, or of a different row count than the others.</summary>
    public required long UnreadableInferences { get; init; }

    /// <summary>Gets how many rows the drift window holds now (inferences still queued are not counted).</summary>
    public required int WindowRows { get; init; }

    /// <summary>Gets how many drift checks ran.</summary>
    public required long Checks { get; init; }

    /// <summary>Gets how many drift checks failed.</summary>
    public required long CheckFailures { get; init; }

    /// <summary>Gets how many alerts were sent (after the cooldown).</summary>
    public required long Alerts { get; init; }

    /// <summary>Gets when the last drift check finished, or <see langword="null"/>.</summary>
    public DateTimeOffset? LastCheck { get; init; }

    /// <summary>Gets how many ground-truth labels were joined with their prediction.</summary>
    public required long MatchedLabels { get; init; }

    /// <summary>Gets how many ground-truth labels found no prediction (expired while waiting, or evicted, or the prediction had already been joined or expired).</summary>
    public required long UnmatchedLabels { get; init; }

    /// <summary>Gets how many predictions were evicted before their ground truth arrived (too old, or too many waiting).</summary>
    public required long ExpiredPredictions { get; init; }

    /// <summary>Gets how many predictions wait for their ground truth now.</summary>
    public required int PendingPredictions { get; init; }

    /// <summary>Gets how many drifts the streaming detectors (<see cref="ModelMonitorBuilder.WatchColumn"/>, <see cref="ModelMonitorBuilder.WatchErrors"/>) have found since start.</summary>
    public long StreamingDetections { get; init; }
}
