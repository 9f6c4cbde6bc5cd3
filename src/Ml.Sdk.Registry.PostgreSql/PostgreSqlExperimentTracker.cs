using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Ml.Sdk.Registry.Storage.Internal;
using Ml.Sdk.Registry.Tracking.Internal;

namespace Ml.Sdk.Registry.Tracking;

/// <summary>
/// <see cref="IExperimentTracker"/> for several machines: runs, params and metrics in a PostgreSQL database, run
/// artifacts in the content-addressed folder under <see cref="RegistryOptions.RootPath"/> (a shared volume). Same
/// contract as <see cref="SqliteExperimentTracker"/>; every write is one transaction.
/// </summary>
public sealed class PostgreSqlExperimentTracker : IExperimentTracker, IDisposable
{
    private readonly DbExperimentTracker _tracker;

    /// <summary>Creates the tracker; the tables and folders are created on first use.</summary>
    /// <param name="options">The registry options: the artifact root and limits.</param>
    /// <param name="postgreSqlOptions">The connection string.</param>
    /// <param name="timeProvider">The clock for run times and metric timestamps.</param>
    /// <param name="logger">Logs run starts and ends.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/>, <paramref name="postgreSqlOptions"/> or <paramref name="timeProvider"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><see cref="RegistryOptions.RootPath"/> is empty, or the connection string is invalid.</exception>
    public PostgreSqlExperimentTracker(
        IOptions<RegistryOptions> options, IOptions<PostgreSqlRegistryOptions> postgreSqlOptions, TimeProvider timeProvider, ILogger<PostgreSqlExperimentTracker>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(postgreSqlOptions);
        ArgumentNullException.ThrowIfNull(timeProvider);
        RegistryOptions value = options.Value;
        ArgumentException.ThrowIfNullOrWhiteSpace(postgreSqlOptions.Value.ConnectionString, nameof(postgreSqlOptions));
        _tracker = new DbExperimentTracker(
            new PostgreSqlRegistryDatabase(value.RootPath, postgreSqlOptions.Value.ConnectionString), value, timeProvider, logger ?? (ILogger)NullLogger.Instance);
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

    /// <summary>Releases the connection pool.</summary>
    public void Dispose() => _tracker.Dispose();
}
