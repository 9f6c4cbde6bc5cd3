using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Ml.Sdk.Registry.Artifacts.Internal;
using Ml.Sdk.Registry.Naming;
using Ml.Sdk.Registry.Storage.Internal;

using Ml.Sdk.Registry.Tracking.Internal;

namespace Ml.Sdk.Registry.Tracking;

/// <summary>
/// Experiment tracking on a relational database, whatever the engine: the logic and SQL live here once, and each
/// backend (<see cref="SqliteExperimentTracker"/>, and <c>PostgreSqlExperimentTracker</c> in Ml.Sdk.Registry.PostgreSql)
/// only supplies its storage. Every write is one transaction.
/// </summary>
/// <remarks>Backends derive from it inside Ml.Sdk; apps use <see cref="IExperimentTracker"/>.</remarks>
public abstract partial class RelationalExperimentTracker : IExperimentTracker, IDisposable
{
    private readonly RegistryStorage _database;
    private readonly ContentAddressedStore _store;
    private readonly long _maxArtifactBytes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the tracker on <paramref name="storage"/>, which it owns and disposes.</summary>
    private protected RelationalExperimentTracker(RegistryStorage storage, RegistryOptions options, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _database = storage;
        _store = new ContentAddressedStore(storage.ArtifactsPath, timeProvider);
        _maxArtifactBytes = options.MaxArtifactBytes;
        _time = timeProvider;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<Experiment> GetOrCreateExperimentAsync(string name, CancellationToken cancellationToken = default)
    {
        NameRules.Validate(name, "experiment name");
        DbConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        DbTransaction transaction = await _database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
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

        DbConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        DbTransaction transaction = await _database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable transactionScope = transaction.ConfigureAwait(false);
        Experiment experiment = await GetOrCreateExperimentAsync(connection, transaction, experimentName, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction,
            "INSERT INTO runs (run_id, experiment_id, name, status, start_time) VALUES (@run, @experiment, @name, @status, @start)",
            cancellationToken,
            ("@run", runId), ("@experiment", experiment.Id), ("@name", runName), ("@status", nameof(RunStatus.Running)), ("@start", StoredTime.Format(now)))
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

        DbConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        DbTransaction transaction = await _database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable transactionScope = transaction.ConfigureAwait(false);
        await RequireRunningAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "UPDATE runs SET status = @status, end_time = @end WHERE run_id = @run",
            cancellationToken, ("@status", status.ToString()), ("@end", StoredTime.Format(_time.GetUtcNow())), ("@run", runId)).ConfigureAwait(false);
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

        DbConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        DbTransaction transaction = await _database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
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
        DbConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        DbTransaction transaction = await _database.BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable transactionScope = transaction.ConfigureAwait(false);
        RunInfo info = await ReadRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
        Dictionary<string, string> parameters = await ReadPairsAsync(connection, transaction, "run_params", runId, cancellationToken).ConfigureAwait(false);
        Dictionary<string, string> tags = await ReadPairsAsync(connection, transaction, "run_tags", runId, cancellationToken).ConfigureAwait(false);

        // Latest per key: highest step, then latest timestamp, then last logged (MLflow's rule, made total).
        var latest = new Dictionary<string, MetricPoint>(StringComparer.Ordinal);
        using DbCommand command = Command(connection, transaction,
            "SELECT key, value, step, timestamp FROM run_metrics WHERE run_id = @run ORDER BY key, step DESC, timestamp DESC, sequence DESC",
            ("@run", runId));
        DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
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
        DbConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        DbTransaction transaction = await _database.BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable transactionScope = transaction.ConfigureAwait(false);
        _ = await ReadRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
        using DbCommand command = Command(connection, transaction,
            "SELECT key, value, step, timestamp FROM run_metrics WHERE run_id = @run AND key = @key ORDER BY sequence",
            ("@run", runId), ("@key", key));
        var points = new List<MetricPoint>();
        DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
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
        DbConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        using DbCommand exists = Command(connection, null, "SELECT 1 FROM experiments WHERE name = @name", ("@name", experimentName));
        if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            throw new RunNotFoundException($"There is no experiment '{experimentName}'.");
        }

        using DbCommand command = Command(connection, null,
            "SELECT r.run_id, e.name, r.name, r.status, r.start_time, r.end_time FROM runs r JOIN experiments e USING (experiment_id) " +
            "WHERE e.name = @name ORDER BY r.start_time DESC, r.run_id DESC",
            ("@name", experimentName));
        var runs = new List<RunInfo>();
        DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
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
    /// <summary>Releases the storage.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the storage when <paramref name="disposing"/> is <see langword="true"/>.</summary>
    /// <param name="disposing">Whether this is a call from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _database.Dispose();
        }
    }

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
        DbConnection connection, DbTransaction transaction, string name, CancellationToken cancellationToken)
    {
        using DbCommand insert = Command(connection, transaction,
            "INSERT INTO experiments (name, created_at) VALUES (@name, @created) ON CONFLICT (name) DO NOTHING",
            ("@name", name), ("@created", StoredTime.Format(_time.GetUtcNow())));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        using DbCommand select = Command(connection, transaction,
            "SELECT experiment_id, created_at FROM experiments WHERE name = @name", ("@name", name));
        DbDataReader reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new Experiment(reader.GetInt64(0), name, StoredTime.Parse(reader.GetString(1)));
        }
    }

    private static async Task RequireRunningAsync(DbConnection connection, DbTransaction transaction, string runId, CancellationToken cancellationToken)
    {
        RunInfo info = await ReadRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
        if (info.Status != RunStatus.Running)
        {
            throw new InvalidOperationException($"Run {runId} has ended ({info.Status}); it accepts no more params, metrics or tags.");
        }
    }

    private static async Task<RunInfo> ReadRunAsync(DbConnection connection, DbTransaction transaction, string runId, CancellationToken cancellationToken)
    {
        using DbCommand command = Command(connection, transaction,
            "SELECT r.run_id, e.name, r.name, r.status, r.start_time, r.end_time FROM runs r JOIN experiments e USING (experiment_id) WHERE r.run_id = @run",
            ("@run", runId));
        DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? ReadRunInfo(reader)
                : throw new RunNotFoundException($"There is no run '{runId}'.");
        }
    }

    private static RunInfo ReadRunInfo(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        Enum.Parse<RunStatus>(reader.GetString(3)),
        StoredTime.Parse(reader.GetString(4)),
        reader.IsDBNull(5) ? null : StoredTime.Parse(reader.GetString(5)));

    private static MetricPoint ReadPoint(DbDataReader reader) => new(
        reader.GetString(0),
        reader.IsDBNull(1) ? double.NaN : reader.GetDouble(1),
        reader.GetInt64(2),
        StoredTime.Parse(reader.GetString(3)));

    private static async Task WriteParamsAsync(
        DbConnection connection, DbTransaction transaction, string runId, IDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        if (parameters.Count == 0)
        {
            return;
        }

        Dictionary<string, string> stored = await ReadPairsAsync(connection, transaction, "run_params", runId, cancellationToken).ConfigureAwait(false);
        using DbCommand insert = Command(connection, transaction,
            "INSERT INTO run_params (run_id, key, value) VALUES (@run, @key, @value) ON CONFLICT (run_id, key) DO NOTHING",
            ("@run", runId), ("@key", string.Empty), ("@value", string.Empty));
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

            insert.Parameters["@key"].Value = key;
            insert.Parameters["@value"].Value = value;
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteTagsAsync(
        DbConnection connection, DbTransaction transaction, string runId, IEnumerable<KeyValuePair<string, string>> tags, CancellationToken cancellationToken)
    {
        using DbCommand upsert = Command(connection, transaction,
            "INSERT INTO run_tags (run_id, key, value) VALUES (@run, @key, @value) ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value",
            ("@run", runId), ("@key", string.Empty), ("@value", string.Empty));
        foreach ((string key, string value) in tags)
        {
            upsert.Parameters["@key"].Value = key;
            upsert.Parameters["@value"].Value = value;
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WriteMetricsAsync(
        DbConnection connection, DbTransaction transaction, string runId, IList<MetricPoint> metrics, CancellationToken cancellationToken)
    {
        if (metrics.Count == 0)
        {
            return;
        }

        string now = StoredTime.Format(_time.GetUtcNow());
        using DbCommand insert = Command(connection, transaction,
            "INSERT INTO run_metrics (run_id, key, value, step, timestamp) VALUES (@run, @key, @value, @step, @timestamp)",
            ("@run", runId), ("@key", string.Empty), ("@value", 0.0), ("@step", 0L), ("@timestamp", string.Empty));
        DbParameter key = insert.Parameters["@key"];
        DbParameter value = insert.Parameters["@value"];
        DbParameter step = insert.Parameters["@step"];
        DbParameter timestamp = insert.Parameters["@timestamp"];

        // Typed once, so that a NaN's NULL keeps the parameter's type and the prepared statement stays valid.
        key.DbType = DbType.String;
        value.DbType = DbType.Double;
        step.DbType = DbType.Int64;
        timestamp.DbType = DbType.String;
        insert.Prepare();
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
        DbConnection connection, DbTransaction transaction, string table, string runId, CancellationToken cancellationToken)
    {
        // The table name is one of two constants chosen in this class, never user input.
        using DbCommand command = Command(connection, transaction, $"SELECT key, value FROM {table} WHERE run_id = @run", ("@run", runId));
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
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
        DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        using DbCommand command = Command(connection, transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        DbCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach ((string name, object? value) in parameters)
        {
            DbParameter parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
