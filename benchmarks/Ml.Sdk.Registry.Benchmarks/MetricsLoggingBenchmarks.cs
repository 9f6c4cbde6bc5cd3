using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Ml.Sdk.Registry;
using Ml.Sdk.Registry.Tracking;

namespace Ml.Sdk.Registry.Benchmarks;

/// <summary>
/// Metrics logging throughput: one batch of 1,000 points through <see cref="SqliteExperimentTracker.LogBatchAsync"/>
/// (validation, run check, one transaction) against the floor: a plain prepared INSERT loop in one transaction on a
/// table of the same shape, with the same pragmas (WAL, synchronous FULL). Both log increasing steps.
/// </summary>
[MemoryDiagnoser]
public class MetricsLoggingBenchmarks
{
    private const int BatchSize = 1000;

    private string _root = string.Empty;
    private SqliteExperimentTracker _tracker = null!;
    private string _runId = string.Empty;
    private RunBatch _batch = null!;
    private SqliteConnection _plain = null!;
    private long _step;

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("ml-sdk-bench-").FullName;
        _tracker = new SqliteExperimentTracker(Options.Create(new RegistryOptions { RootPath = Path.Combine(_root, "tracker") }), TimeProvider.System);
        _runId = _tracker.StartRunAsync("bench").GetAwaiter().GetResult().RunId;
        _batch = new RunBatch();
        for (int i = 0; i < BatchSize; i++)
        {
            _batch.Metrics.Add(new MetricPoint("loss", 1.0 / (i + 1), i, DateTimeOffset.UnixEpoch.AddSeconds(i)));
        }

        _plain = new SqliteConnection($"Data Source={Path.Combine(_root, "plain.db")}");
        _plain.Open();
        using SqliteCommand create = _plain.CreateCommand();
        create.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; " +
            "CREATE TABLE metrics (sequence INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT NOT NULL, key TEXT NOT NULL, value REAL, step INTEGER NOT NULL, timestamp TEXT NOT NULL)";
        create.ExecuteNonQuery();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _tracker.Dispose();
        _plain.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = BatchSize)]
    public void PlainSqliteInsertLoop()
    {
        using SqliteTransaction transaction = _plain.BeginTransaction();
        using SqliteCommand insert = _plain.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO metrics (run_id, key, value, step, timestamp) VALUES ($run, $key, $value, $step, $timestamp)";
        SqliteParameter run = insert.Parameters.AddWithValue("$run", _runId);
        SqliteParameter key = insert.Parameters.AddWithValue("$key", "loss");
        SqliteParameter value = insert.Parameters.AddWithValue("$value", 0.0);
        SqliteParameter step = insert.Parameters.AddWithValue("$step", 0L);
        SqliteParameter timestamp = insert.Parameters.AddWithValue("$timestamp", string.Empty);
        insert.Prepare();
        foreach (MetricPoint point in _batch.Metrics)
        {
            value.Value = point.Value;
            step.Value = _step++;
            timestamp.Value = point.Timestamp.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public Task TrackerLogBatch()
    {
        // Steps keep increasing, as in training (and as in the baseline): re-logging the same steps would scatter
        // the inserts across the (run, key, step) index and measure that instead.
        for (int i = 0; i < _batch.Metrics.Count; i++)
        {
            _batch.Metrics[i] = _batch.Metrics[i] with { Step = _step++ };
        }

        return _tracker.LogBatchAsync(_runId, _batch);
    }
}
