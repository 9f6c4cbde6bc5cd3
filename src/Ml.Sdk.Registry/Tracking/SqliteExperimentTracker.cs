using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Ml.Sdk.Registry.Artifacts.Internal;
using Ml.Sdk.Registry.Naming;
using Ml.Sdk.Registry.Storage.Internal;
using Ml.Sdk.Registry.Tracking.Internal;

namespace Ml.Sdk.Registry.Tracking;

/// <summary>
/// <see cref="IExperimentTracker"/> on the embedded SQLite database under <see cref="RegistryOptions.RootPath"/>.
/// Every write is one transaction; several processes may track into the same root.
/// </summary>
public sealed partial class SqliteExperimentTracker : IExperimentTracker, IDisposable
{
    private readonly RegistryDatabase _database;
    private readonly ContentAddressedStore _store;
    private readonly long _maxArtifactBytes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the tracker.</summary>
    /// <param name="options">The registry options (root path, busy timeout).</param>
    /// <param name="timeProvider">The clock for run times and metric timestamps.</param>
    /// <param name="logger">Logs run starts and ends.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="timeProvider"/> is <see langword="null"/>.</exception>
    public SqliteExperimentTracker(IOptions<RegistryOptions> options, TimeProvider timeProvider, ILogger<SqliteExperimentTracker>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _database = new RegistryDatabase(options.Value.RootPath, options.Value.BusyTimeout);
        _store = new ContentAddressedStore(_database.ArtifactsPath, timeProvider);
        _maxArtifactBytes = options.Value.MaxArtifactBytes;
        _time = timeProvider;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <inheritdoc />
    public async Task<Experiment> GetOrCreateExperimentAsync(string name, CancellationToken cancellationToken = default)
    {
        NameRules.Validate(name, "experiment name");
        SqliteConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        SqliteTransaction transaction = RegistryDatabase.BeginWrite(connection);
        await using ConfiguredAsyncDisposable transactionScope = transaction.ConfigureAwait(false);
        Experiment experiment = await GetOrCreateExperimentAsync(connection, transaction, name, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return experiment;
    }

    /// <inheritdoc />
    public async Task<RunInfo> StartRunAsync(
        string experimentName, string? runName = null, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default)
    {
        NameRules.Validate(experimentName, "experiment name");
        if (runName is not null)
        {
            NameRules.ValidateValue(runName, "run name");
        }

        ValidateTags(tags);
        DateTimeOffset now = _time.GetUtcNow();
        string runId = Guid.CreateVersion7(now).ToString("N");

        SqliteConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        SqliteTransaction transaction = RegistryDatabase.BeginWrite(connection);
        await using ConfiguredAsyncDisposable transactionScope = transaction.ConfigureAwait(false);
        Experiment experiment = await GetOrCreateExperimentAsync(connection, transaction, experimentName, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction,
            "INSERT INTO runs (run_id, experiment_id, name, status, start_time) VALUES ($run, $experiment, $name, $status, $start)",
            cancellationToken,
            ("$run", runId), ("$experiment", experiment.Id), ("$name", runName), ("$status", nameof(RunStatus.Running)), ("$start", StoredTime.Format(now)))
            .ConfigureAwait(false);
        if (tags is not null)
        {
            await WriteTagsAsync(connection, transaction, runId, tags, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        TrackingLog.RunStarted(_logger, runId, experimentName);
        return new RunInfo(runId, experimentName, runName, RunStatus.Running, now, null);
    }

    /// <inheritdoc />
    public async Task<RunInfo> EndRunAsync(string runId, RunStatus status = RunStatus.Finished, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        if (status == RunStatus.Running || !Enum.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A run ends as Finished, Failed or Killed.");
        }

        SqliteConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        SqliteTransaction transaction = RegistryDatabase.BeginWrite(connection);
        await using ConfiguredAsyncDisposable transactionScope = transaction.ConfigureAwait(false);
        await RequireRunningAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "UPDATE runs SET status = $status, end_time = $end WHERE run_id = $run",
            cancellationToken, ("$status", status.ToString()), ("$end", StoredTime.Format(_time.GetUtcNow())), ("$run", runId)).ConfigureAwait(false);
        RunInfo info = await ReadRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        TrackingLog.RunEnded(_logger, runId, status);
        return info;
    }

    /// <inheritdoc />
    public Task LogParamAsync(string runId, string key, string value, CancellationToken cancellationToken = default)
    {
        var batch = new RunBatch();
        NameRules.Validate(key, "param name");
        batch.Params[key] = value;
        return LogBatchAsync(runId, batch, cancellationToken);
    }

    /// <inheritdoc />
    public Task LogMetricAsync(string runId, string key, double value, long stepIndex = 0, DateTimeOffset? timestamp = null, CancellationToken cancellationToken = default)
    {
        var batch = new RunBatch();
        batch.Metrics.Add(new MetricPoint(key, value, stepIndex, timestamp ?? default));
        return LogBatchAsync(runId, batch, cancellationToken);
    }

    /// <inheritdoc />
    public Task SetTagAsync(string runId, string key, string value, CancellationToken cancellationToken = default)
    {
        var batch = new RunBatch();
        NameRules.Validate(key, "tag name");
        batch.Tags[key] = value;
        return LogBatchAsync(runId, batch, cancellationToken);
    }

    /// <inheritdoc />
    public async Task LogBatchAsync(string runId, RunBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(batch);
        ValidateBatch(batch);

        SqliteConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        SqliteTransaction transaction = RegistryDatabase.BeginWrite(connection);
        await using ConfiguredAsyncDisposable transactionScope = transaction.ConfigureAwait(false);
        await RequireRunningAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
        await WriteParamsAsync(connection, transaction, runId, batch.Params, cancellationToken).ConfigureAwait(false);
        await WriteTagsAsync(connection, transaction, runId, batch.Tags, cancellationToken).ConfigureAwait(false);
        await WriteMetricsAsync(connection, transaction, runId, batch.Metrics, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<RunDetails> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        SqliteConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        SqliteTransaction transaction = connection.BeginTransaction(deferred: true);
        await using ConfiguredAsyncDisposable transactionScope = transaction.ConfigureAwait(false);
        RunInfo info = await ReadRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
        Dictionary<string, string> parameters = await ReadPairsAsync(connection, transaction, "run_params", runId, cancellationToken).ConfigureAwait(false);
        Dictionary<string, string> tags = await ReadPairsAsync(connection, transaction, "run_tags", runId, cancellationToken).ConfigureAwait(false);

        // Latest per key: highest step, then latest timestamp, then last logged (MLflow's rule, made total).
        var latest = new Dictionary<string, MetricPoint>(StringComparer.Ordinal);
        using SqliteCommand command = Command(connection, transaction,
            "SELECT key, value, step, timestamp FROM run_metrics WHERE run_id = $run ORDER BY key, step DESC, timestamp DESC, sequence DESC",
            ("$run", runId));
        SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                MetricPoint point = ReadPoint(reader);
                latest.TryAdd(point.Key, point);
            }
        }

        return new RunDetails(info, parameters, tags, latest);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MetricPoint>> GetMetricHistoryAsync(string runId, string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        NameRules.Validate(key, "metric name");
        SqliteConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        SqliteTransaction transaction = connection.BeginTransaction(deferred: true);
        await using ConfiguredAsyncDisposable transactionScope = transaction.ConfigureAwait(false);
        _ = await ReadRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
        using SqliteCommand command = Command(connection, transaction,
            "SELECT key, value, step, timestamp FROM run_metrics WHERE run_id = $run AND key = $key ORDER BY sequence",
            ("$run", runId), ("$key", key));
        var points = new List<MetricPoint>();
        SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                points.Add(ReadPoint(reader));
            }
        }

        return points;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RunInfo>> ListRunsAsync(string experimentName, CancellationToken cancellationToken = default)
    {
        NameRules.Validate(experimentName, "experiment name");
        SqliteConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        using SqliteCommand exists = Command(connection, null, "SELECT 1 FROM experiments WHERE name = $name", ("$name", experimentName));
        if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            throw new RunNotFoundException($"There is no experiment '{experimentName}'.");
        }

        using SqliteCommand command = Command(connection, null,
            "SELECT r.run_id, e.name, r.name, r.status, r.start_time, r.end_time FROM runs r JOIN experiments e USING (experiment_id) " +
            "WHERE e.name = $name ORDER BY r.start_time DESC, r.run_id DESC",
            ("$name", experimentName));
        var runs = new List<RunInfo>();
        SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                runs.Add(ReadRunInfo(reader));
            }
        }

        return runs;
    }

    /// <summary>Releases the schema lock.</summary>
    public void Dispose() => _database.Dispose();

    private static void ValidateTags(IReadOnlyDictionary<string, string>? tags)
    {
        if (tags is null)
        {
            return;
        }

        foreach ((string key, string value) in tags)
        {
            NameRules.Validate(key, "tag name", nameof(tags));
            NameRules.ValidateValue(value, $"value of tag '{key}'", nameof(tags));
        }
    }

    // Everything is checked before the database is touched, so a bad item leaves the store as it was.
    private static void ValidateBatch(RunBatch batch)
    {
        foreach ((string key, string value) in batch.Params)
        {
            NameRules.Validate(key, "param name", nameof(batch));
            NameRules.ValidateValue(value, $"value of param '{key}'", nameof(batch));
        }

        foreach ((string key, string value) in batch.Tags)
        {
            NameRules.Validate(key, "tag name", nameof(batch));
            NameRules.ValidateValue(value, $"value of tag '{key}'", nameof(batch));
        }

        foreach (MetricPoint point in batch.Metrics)
        {
            NameRules.Validate(point.Key, "metric name", nameof(batch));
        }
    }

    private async Task<Experiment> GetOrCreateExperimentAsync(
        SqliteConnection connection, SqliteTransaction transaction, string name, CancellationToken cancellationToken)
    {
        using SqliteCommand insert = Command(connection, transaction,
            "INSERT INTO experiments (name, created_at) VALUES ($name, $created) ON CONFLICT (name) DO NOTHING",
            ("$name", name), ("$created", StoredTime.Format(_time.GetUtcNow())));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        using SqliteCommand select = Command(connection, transaction,
            "SELECT experiment_id, created_at FROM experiments WHERE name = $name", ("$name", name));
        SqliteDataReader reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new Experiment(reader.GetInt64(0), name, StoredTime.Parse(reader.GetString(1)));
        }
    }

    private static async Task RequireRunningAsync(SqliteConnection connection, SqliteTransaction transaction, string runId, CancellationToken cancellationToken)
    {
        RunInfo info = await ReadRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
        if (info.Status != RunStatus.Running)
        {
            throw new InvalidOperationException($"Run {runId} has ended ({info.Status}); it accepts no more params, metrics or tags.");
        }
    }

    private static async Task<RunInfo> ReadRunAsync(SqliteConnection connection, SqliteTransaction transaction, string runId, CancellationToken cancellationToken)
    {
        using SqliteCommand command = Command(connection, transaction,
            "SELECT r.run_id, e.name, r.name, r.status, r.start_time, r.end_time FROM runs r JOIN experiments e USING (experiment_id) WHERE r.run_id = $run",
            ("$run", runId));
        SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? ReadRunInfo(reader)
                : throw new RunNotFoundException($"There is no run '{runId}'.");
        }
    }

    private static RunInfo ReadRunInfo(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        Enum.Parse<RunStatus>(reader.GetString(3)),
        StoredTime.Parse(reader.GetString(4)),
        reader.IsDBNull(5) ? null : StoredTime.Parse(reader.GetString(5)));

    private static MetricPoint ReadPoint(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.IsDBNull(1) ? double.NaN : reader.GetDouble(1),
        reader.GetInt64(2),
        StoredTime.Parse(reader.GetString(3)));

    private static async Task WriteParamsAsync(
        SqliteConnection connection, SqliteTransaction transaction, string runId, IDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        if (parameters.Count == 0)
        {
            return;
        }

        Dictionary<string, string> stored = await ReadPairsAsync(connection, transaction, "run_params", runId, cancellationToken).ConfigureAwait(false);
        using SqliteCommand insert = Command(connection, transaction,
            "INSERT INTO run_params (run_id, key, value) VALUES ($run, $key, $value) ON CONFLICT (run_id, key) DO NOTHING",
            ("$run", runId), ("$key", string.Empty), ("$value", string.Empty));
        foreach ((string key, string value) in parameters)
        {
            if (stored.TryGetValue(key, out string? existing) && !string.Equals(existing, value, StringComparison.Ordinal))
            {
                throw new ParamConflictException(
                    $"Param '{key}' of run {runId} is already '{existing}'; params are immutable, so '{value}' is refused.")
                {
                    Key = key,
                    ExistingValue = existing,
                    RejectedValue = value,
                };
            }

            insert.Parameters["$key"].Value = key;
            insert.Parameters["$value"].Value = value;
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteTagsAsync(
        SqliteConnection connection, SqliteTransaction transaction, string runId, IEnumerable<KeyValuePair<string, string>> tags, CancellationToken cancellationToken)
    {
        using SqliteCommand upsert = Command(connection, transaction,
            "INSERT INTO run_tags (run_id, key, value) VALUES ($run, $key, $value) ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value",
            ("$run", runId), ("$key", string.Empty), ("$value", string.Empty));
        foreach ((string key, string value) in tags)
        {
            upsert.Parameters["$key"].Value = key;
            upsert.Parameters["$value"].Value = value;
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WriteMetricsAsync(
        SqliteConnection connection, SqliteTransaction transaction, string runId, IList<MetricPoint> metrics, CancellationToken cancellationToken)
    {
        if (metrics.Count == 0)
        {
            return;
        }

        string now = StoredTime.Format(_time.GetUtcNow());
        using SqliteCommand insert = Command(connection, transaction,
            "INSERT INTO run_metrics (run_id, key, value, step, timestamp) VALUES ($run, $key, $value, $step, $timestamp)",
            ("$run", runId), ("$key", string.Empty), ("$value", 0.0), ("$step", 0L), ("$timestamp", string.Empty));
        insert.Prepare();
        SqliteParameter key = insert.Parameters["$key"];
        SqliteParameter value = insert.Parameters["$value"];
        SqliteParameter step = insert.Parameters["$step"];
        SqliteParameter timestamp = insert.Parameters["$timestamp"];
        foreach (MetricPoint point in metrics)
        {
            key.Value = point.Key;
            value.Value = double.IsNaN(point.Value) ? DBNull.Value : point.Value;
            step.Value = point.Step;
            timestamp.Value = point.Timestamp == default ? now : StoredTime.Format(point.Timestamp);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<Dictionary<string, string>> ReadPairsAsync(
        SqliteConnection connection, SqliteTransaction transaction, string table, string runId, CancellationToken cancellationToken)
    {
        // The table name is one of two constants chosen in this class, never user input.
        using SqliteCommand command = Command(connection, transaction, $"SELECT key, value FROM {table} WHERE run_id = $run", ("$run", runId));
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                pairs[reader.GetString(0)] = reader.GetString(1);
            }
        }

        return pairs;
    }

    private static async Task ExecuteAsync(
        SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        using SqliteCommand command = Command(connection, transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach ((string name, object? value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
