namespace Ml.Sdk.Registry.Tracking;

/// <summary>
/// Experiment tracking, as MLflow Tracking does it: experiments, runs, immutable params, append-only metric series
/// (NaN and infinities included), tags, and batch logging in one transaction.
/// </summary>
/// <remarks>
/// Every name (experiment, param, metric and tag keys) follows <see cref="Naming.NameRules"/>; values follow
/// <see cref="Naming.NameRules.ValidateValue"/>. A write to a run that has ended is refused.
/// </remarks>
public interface IExperimentTracker
{
    /// <summary>Returns the experiment named <paramref name="name"/>, creating it if needed.</summary>
    /// <param name="name">The experiment name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The experiment.</returns>
    /// <exception cref="Naming.InvalidNameException">The name is invalid.</exception>
    Task<Experiment> GetOrCreateExperimentAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Starts a run in an experiment (created if needed).</summary>
    /// <param name="experimentName">The experiment name.</param>
    /// <param name="runName">An optional display name (any text up to the value limit).</param>
    /// <param name="tags">Optional tags.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new run.</returns>
    /// <exception cref="Naming.InvalidNameException">A name or value is invalid.</exception>
    Task<RunInfo> StartRunAsync(
        string experimentName, string? runName = null, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default);

    /// <summary>Ends a running run.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="status">How it ended; not <see cref="RunStatus.Running"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ended run.</returns>
    /// <exception cref="RunNotFoundException">No such run.</exception>
    /// <exception cref="InvalidOperationException">The run has already ended.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is Running or undefined.</exception>
    Task<RunInfo> EndRunAsync(string runId, RunStatus status = RunStatus.Finished, CancellationToken cancellationToken = default);

    /// <summary>Logs one param. Logging the same key with the same value again is harmless.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="key">The param name.</param>
    /// <param name="value">The value.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    /// <exception cref="ParamConflictException">The key was logged with a different value.</exception>
    /// <exception cref="RunNotFoundException">No such run.</exception>
    /// <exception cref="InvalidOperationException">The run has ended.</exception>
    /// <exception cref="Naming.InvalidNameException">The key or value is invalid.</exception>
    Task LogParamAsync(string runId, string key, string value, CancellationToken cancellationToken = default);

    /// <summary>Appends one point to a metric's series.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="key">The metric name.</param>
    /// <param name="value">The value; NaN and infinities are stored as such.</param>
    /// <param name="stepIndex">The step (epoch or batch number).</param>
    /// <param name="timestamp">When it was measured; <see langword="null"/> for now.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    /// <exception cref="RunNotFoundException">No such run.</exception>
    /// <exception cref="InvalidOperationException">The run has ended.</exception>
    /// <exception cref="Naming.InvalidNameException">The key is invalid.</exception>
    Task LogMetricAsync(string runId, string key, double value, long stepIndex = 0, DateTimeOffset? timestamp = null, CancellationToken cancellationToken = default);

    /// <summary>Sets a tag, replacing any value it had.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="key">The tag name.</param>
    /// <param name="value">The value.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    /// <exception cref="RunNotFoundException">No such run.</exception>
    /// <exception cref="InvalidOperationException">The run has ended.</exception>
    /// <exception cref="Naming.InvalidNameException">The key or value is invalid.</exception>
    Task SetTagAsync(string runId, string key, string value, CancellationToken cancellationToken = default);

    /// <summary>Writes params, tags and metric points in one transaction: all are stored, or none.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="batch">What to write.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    /// <exception cref="ParamConflictException">A param conflicts with a stored one.</exception>
    /// <exception cref="RunNotFoundException">No such run.</exception>
    /// <exception cref="InvalidOperationException">The run has ended.</exception>
    /// <exception cref="Naming.InvalidNameException">A key or value is invalid.</exception>
    Task LogBatchAsync(string runId, RunBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Returns a run with its params, tags and latest metric values.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The run.</returns>
    /// <exception cref="RunNotFoundException">No such run.</exception>
    Task<RunDetails> GetRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Returns a metric's whole series in logging order.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="key">The metric name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The points, empty when the metric was never logged.</returns>
    /// <exception cref="RunNotFoundException">No such run.</exception>
    Task<IReadOnlyList<MetricPoint>> GetMetricHistoryAsync(string runId, string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a file as an artifact of a running run: written to a temp file, hashed, fsynced and renamed into the
    /// content-addressed store, then recorded. Logging the same file name again is harmless with the same content and
    /// refused with different content.
    /// </summary>
    /// <param name="runId">The run id.</param>
    /// <param name="source">The file name and content.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored artifact.</returns>
    /// <exception cref="RunNotFoundException">No such run.</exception>
    /// <exception cref="InvalidOperationException">The run has ended, or the file name holds other content.</exception>
    /// <exception cref="Naming.InvalidNameException">The file name is invalid.</exception>
    /// <exception cref="ArgumentException">The content is larger than <see cref="RegistryOptions.MaxArtifactBytes"/>.</exception>
    Task<RunArtifact> LogArtifactAsync(string runId, ArtifactSource source, CancellationToken cancellationToken = default);

    /// <summary>Lists a run's artifacts by file name.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The artifacts.</returns>
    /// <exception cref="RunNotFoundException">No such run.</exception>
    Task<IReadOnlyList<RunArtifact>> ListArtifactsAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Opens a run artifact for reading after verifying its SHA-256.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="fileName">The artifact's file name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A stream positioned at the start; the caller disposes it.</returns>
    /// <exception cref="RunNotFoundException">No such run or artifact.</exception>
    /// <exception cref="ArtifactIntegrityException">The stored bytes do not match the recorded hash or length.</exception>
    Task<Stream> OpenArtifactAsync(string runId, string fileName, CancellationToken cancellationToken = default);

    /// <summary>Lists an experiment's runs, newest first.</summary>
    /// <param name="experimentName">The experiment name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The runs.</returns>
    /// <exception cref="RunNotFoundException">No such experiment.</exception>
    Task<IReadOnlyList<RunInfo>> ListRunsAsync(string experimentName, CancellationToken cancellationToken = default);
}
