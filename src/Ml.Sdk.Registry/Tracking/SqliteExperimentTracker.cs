using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Ml.Sdk.Registry.Storage.Internal;
using Ml.Sdk.Registry.Tracking.Internal;

namespace Ml.Sdk.Registry.Tracking;

/// <summary>
/// <see cref="IExperimentTracker"/> on the embedded SQLite database under <see cref="RegistryOptions.RootPath"/>.
/// Every write is one transaction; several processes may track into the same root.
/// </summary>
public sealed class SqliteExperimentTracker : IExperimentTracker, IDisposable
{
    private readonly DbExperimentTracker _tracker;

    /// <summary>Creates the tracker.</summary>
    /// <param name="options">The registry options (root path, busy timeout).</param>
    /// <param name="timeProvider">The clock for run times and metric timestamps.</param>
    /// <param name="logger">Logs run starts and ends.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="timeProvider"/> is <see langword="null"/>.</exception>
    public SqliteExperimentTracker(IOptions<RegistryOptions> options, TimeProvider timeProvider, ILogger<SqliteExperimentTracker>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        RegistryOptions value = options.Value;
        _tracker = new DbExperimentTracker(new RegistryDatabase(value.RootPath, value.BusyTimeout), value, timeProvider, logger ?? (ILogger)NullLogger.Instance);
    }

    /// <inheritdoc />
    public Task<Experiment> GetOrCreateExperimentAsync(string name, CancellationToken cancellationToken = default) =>
        _tracker.GetOrCreateExperimentAsync(name, cancellationToken);

    /// <inheritdoc />
    public Task<RunInfo> StartRunAsync(
        string experimentName, string? runName = null, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default) =>
        _tracker.StartRunAsync(experimentName, runName, tags, cancellationToken);

    /// <inheritdoc />
    public Task<RunInfo> EndRunAsync(string runId, RunStatus status = RunStatus.Finished, CancellationToken cancellationToken = default) =>
        _tracker.EndRunAsync(runId, status, cancellationToken);

    /// <inheritdoc />
    public Task LogParamAsync(string runId, string key, string value, CancellationToken cancellationToken = default) =>
        _tracker.LogParamAsync(runId, key, value, cancellationToken);

    /// <inheritdoc />
    public Task LogMetricAsync(string runId, string key, double value, long stepIndex = 0, DateTimeOffset? timestamp = null, CancellationToken cancellationToken = default) =>
        _tracker.LogMetricAsync(runId, key, value, stepIndex, timestamp, cancellationToken);

    /// <inheritdoc />
    public Task SetTagAsync(string runId, string key, string value, CancellationToken cancellationToken = default) =>
        _tracker.SetTagAsync(runId, key, value, cancellationToken);

    /// <inheritdoc />
    public Task LogBatchAsync(string runId, RunBatch batch, CancellationToken cancellationToken = default) =>
        _tracker.LogBatchAsync(runId, batch, cancellationToken);

    /// <inheritdoc />
    public Task<RunDetails> GetRunAsync(string runId, CancellationToken cancellationToken = default) =>
        _tracker.GetRunAsync(runId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<MetricPoint>> GetMetricHistoryAsync(string runId, string key, CancellationToken cancellationToken = default) =>
        _tracker.GetMetricHistoryAsync(runId, key, cancellationToken);

    /// <inheritdoc />
    public Task<RunArtifact> LogArtifactAsync(string runId, ArtifactSource source, CancellationToken cancellationToken = default) =>
        _tracker.LogArtifactAsync(runId, source, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<RunArtifact>> ListArtifactsAsync(string runId, CancellationToken cancellationToken = default) =>
        _tracker.ListArtifactsAsync(runId, cancellationToken);

    /// <inheritdoc />
    public Task<Stream> OpenArtifactAsync(string runId, string fileName, CancellationToken cancellationToken = default) =>
        _tracker.OpenArtifactAsync(runId, fileName, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<RunInfo>> ListRunsAsync(string experimentName, CancellationToken cancellationToken = default) =>
        _tracker.ListRunsAsync(experimentName, cancellationToken);

    /// <summary>Releases the database's resources; pooled connections close with the process.</summary>
    public void Dispose() => _tracker.Dispose();
}
