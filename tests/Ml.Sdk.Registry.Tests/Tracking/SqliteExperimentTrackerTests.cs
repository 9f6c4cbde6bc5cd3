using Microsoft.Extensions.Time.Testing;
using Ml.Sdk.Registry.Naming;
using Ml.Sdk.Registry.Tracking;

namespace Ml.Sdk.Registry.Tests.Tracking;

public sealed class SqliteExperimentTrackerTests : IDisposable
{
    private readonly TemporaryFolder _root = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly SqliteExperimentTracker _tracker;

    public SqliteExperimentTrackerTests()
    {
        _tracker = new SqliteExperimentTracker(_root.Options(), _time);
    }

    public void Dispose()
    {
        _tracker.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task StartRun_LogEverything_GetRunReturnsIt()
    {
        RunInfo run = await _tracker.StartRunAsync("fraud", "baseline", new Dictionary<string, string> { ["team"] = "payments" });
        await _tracker.LogParamAsync(run.RunId, "lr", "0.001");
        await _tracker.LogMetricAsync(run.RunId, "val_loss", 0.9, stepIndex: 1);
        _time.Advance(TimeSpan.FromSeconds(5));
        await _tracker.LogMetricAsync(run.RunId, "val_loss", 0.5, stepIndex: 2);
        await _tracker.SetTagAsync(run.RunId, "team", "risk");

        RunDetails details = await _tracker.GetRunAsync(run.RunId);

        Assert.Equal("fraud", details.Info.ExperimentName);
        Assert.Equal("baseline", details.Info.Name);
        Assert.Equal(RunStatus.Running, details.Info.Status);
        Assert.Equal(_time.Start, details.Info.StartTime);
        Assert.Equal("0.001", details.Params["lr"]);
        Assert.Equal("risk", details.Tags["team"]);
        Assert.Equal(0.5, details.LatestMetrics["val_loss"].Value);
        Assert.Equal(2, details.LatestMetrics["val_loss"].Step);
        Assert.Equal(_time.Start.AddSeconds(5), details.LatestMetrics["val_loss"].Timestamp);
        Assert.Equal(32, run.RunId.Length);
    }

    [Fact]
    public async Task LogMetric_NaNAndInfinities_RoundTripExactly()
    {
        RunInfo run = await _tracker.StartRunAsync("fraud");
        double[] values = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, double.Epsilon, double.MaxValue];
        for (int i = 0; i < values.Length; i++)
        {
            await _tracker.LogMetricAsync(run.RunId, "odd", values[i], stepIndex: i);
        }

        IReadOnlyList<MetricPoint> history = await _tracker.GetMetricHistoryAsync(run.RunId, "odd");

        Assert.Equal(values.Length, history.Count);
        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(values[i]) == BitConverter.DoubleToInt64Bits(-0.0) ? 0.0 : values[i], history[i].Value);
            Assert.Equal(i, history[i].Step);
        }
    }

    [Fact]
    public async Task GetRun_LatestMetric_HighestStepThenLatestTimeThenLastLogged()
    {
        RunInfo run = await _tracker.StartRunAsync("fraud");
        DateTimeOffset t0 = _time.GetUtcNow();
        await _tracker.LogMetricAsync(run.RunId, "acc", 0.7, stepIndex: 5, timestamp: t0.AddSeconds(10));
        await _tracker.LogMetricAsync(run.RunId, "acc", 0.8, stepIndex: 5, timestamp: t0.AddSeconds(20));
        await _tracker.LogMetricAsync(run.RunId, "acc", 0.6, stepIndex: 4, timestamp: t0.AddSeconds(30));
        await _tracker.LogMetricAsync(run.RunId, "f1", 0.1, stepIndex: 1, timestamp: t0);
        await _tracker.LogMetricAsync(run.RunId, "f1", 0.2, stepIndex: 1, timestamp: t0);

        RunDetails details = await _tracker.GetRunAsync(run.RunId);

        Assert.Equal(0.8, details.LatestMetrics["acc"].Value);
        Assert.Equal(0.2, details.LatestMetrics["f1"].Value);
        Assert.Equal([0.7, 0.8, 0.6], (await _tracker.GetMetricHistoryAsync(run.RunId, "acc")).Select(p => p.Value));
    }

    [Fact]
    public async Task LogParam_SameValueAgain_IsHarmless_DifferentValue_IsRefused()
    {
        RunInfo run = await _tracker.StartRunAsync("fraud");
        await _tracker.LogParamAsync(run.RunId, "epochs", "10");
        await _tracker.LogParamAsync(run.RunId, "epochs", "10");

        var ex = await Assert.ThrowsAsync<ParamConflictException>(() => _tracker.LogParamAsync(run.RunId, "epochs", "20"));

        Assert.Equal("epochs", ex.Key);
        Assert.Equal("10", ex.ExistingValue);
        Assert.Equal("20", ex.RejectedValue);
        Assert.Equal("10", (await _tracker.GetRunAsync(run.RunId)).Params["epochs"]);
    }

    [Fact]
    public async Task LogBatch_ParamConflict_WritesNothingOfTheBatch()
    {
        RunInfo run = await _tracker.StartRunAsync("fraud");
        await _tracker.LogParamAsync(run.RunId, "epochs", "10");
        var batch = new RunBatch();
        batch.Params["batch_size"] = "64";
        batch.Params["epochs"] = "11";
        batch.Tags["stage"] = "dev";
        for (int i = 0; i < 100; i++)
        {
            batch.Metrics.Add(new MetricPoint("loss", 1.0 / (i + 1), i, default));
        }

        await Assert.ThrowsAsync<ParamConflictException>(() => _tracker.LogBatchAsync(run.RunId, batch));

        RunDetails details = await _tracker.GetRunAsync(run.RunId);
        Assert.Equal(["epochs"], details.Params.Keys);
        Assert.Empty(details.Tags);
        Assert.Empty(details.LatestMetrics);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("val/loss")]
    [InlineData("a\\b")]
    [InlineData("bell\u0007")]
    [InlineData("")]
    [InlineData(".hidden")]
    public async Task LogBatch_InvalidMetricName_ThrowsAndWritesNothing(string badKey)
    {
        RunInfo run = await _tracker.StartRunAsync("fraud");
        var batch = new RunBatch();
        batch.Metrics.Add(new MetricPoint("loss", 0.5, 0, default));
        batch.Metrics.Add(new MetricPoint(badKey, 0.5, 0, default));
        batch.Params["lr"] = "0.1";

        var ex = await Assert.ThrowsAsync<InvalidNameException>(() => _tracker.LogBatchAsync(run.RunId, batch));

        Assert.Contains("metric name", ex.Message, StringComparison.Ordinal);
        RunDetails details = await _tracker.GetRunAsync(run.RunId);
        Assert.Empty(details.LatestMetrics);
        Assert.Empty(details.Params);
    }

    [Fact]
    public async Task InvalidNamesAndValues_AreRefusedBeforeAnythingIsStored()
    {
        await Assert.ThrowsAsync<InvalidNameException>(() => _tracker.StartRunAsync("../../etc"));
        await Assert.ThrowsAsync<InvalidNameException>(() => _tracker.StartRunAsync(new string('x', 129)));
        await Assert.ThrowsAsync<InvalidNameException>(() => _tracker.GetOrCreateExperimentAsync("fraud@champion"));
        RunInfo run = await _tracker.StartRunAsync("fraud");
        await Assert.ThrowsAsync<InvalidNameException>(() => _tracker.SetTagAsync(run.RunId, "note", new string('x', NameRules.MaxValueLength + 1)));
        await Assert.ThrowsAsync<InvalidNameException>(() => _tracker.LogParamAsync(run.RunId, "lr", "0.1\0"));

        RunDetails details = await _tracker.GetRunAsync(run.RunId);
        Assert.Empty(details.Tags);
        Assert.Empty(details.Params);
        Assert.Single(await _tracker.ListRunsAsync("fraud"));
        await Assert.ThrowsAsync<RunNotFoundException>(() => _tracker.ListRunsAsync("etc"));
    }

    [Fact]
    public async Task EndRun_ThenWrites_AreRefused()
    {
        RunInfo run = await _tracker.StartRunAsync("fraud");
        _time.Advance(TimeSpan.FromMinutes(3));

        RunInfo ended = await _tracker.EndRunAsync(run.RunId, RunStatus.Failed);

        Assert.Equal(RunStatus.Failed, ended.Status);
        Assert.Equal(_time.Start.AddMinutes(3), ended.EndTime);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _tracker.LogMetricAsync(run.RunId, "loss", 1));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _tracker.EndRunAsync(run.RunId));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _tracker.EndRunAsync(run.RunId, RunStatus.Running));
        Assert.Empty((await _tracker.GetRunAsync(run.RunId)).LatestMetrics);
    }

    [Fact]
    public async Task UnknownRun_ThrowsRunNotFound()
    {
        await Assert.ThrowsAsync<RunNotFoundException>(() => _tracker.GetRunAsync("0123456789abcdef0123456789abcdef"));
        await Assert.ThrowsAsync<RunNotFoundException>(() => _tracker.LogMetricAsync("nope", "loss", 1));
        await Assert.ThrowsAsync<RunNotFoundException>(() => _tracker.GetMetricHistoryAsync("nope", "loss"));
    }

    [Fact]
    public async Task ListRuns_NewestFirst()
    {
        RunInfo first = await _tracker.StartRunAsync("fraud", "first");
        _time.Advance(TimeSpan.FromSeconds(1));
        RunInfo second = await _tracker.StartRunAsync("fraud", "second");
        await _tracker.StartRunAsync("other");

        IReadOnlyList<RunInfo> runs = await _tracker.ListRunsAsync("fraud");

        Assert.Equal([second.RunId, first.RunId], runs.Select(r => r.RunId));
        Assert.True(string.CompareOrdinal(first.RunId, second.RunId) < 0, "run ids sort by start time");
    }

    [Fact]
    public async Task ConcurrentBatches_FromSeveralTrackersOnOneRoot_AllStored()
    {
        RunInfo run = await _tracker.StartRunAsync("fraud");
        SqliteExperimentTracker[] trackers = [.. Enumerable.Range(0, 4).Select(_ => new SqliteExperimentTracker(_root.Options(), _time))];
        try
        {
            await Task.WhenAll(trackers.Select((tracker, t) => Task.Run(async () =>
            {
                for (int b = 0; b < 10; b++)
                {
                    var batch = new RunBatch();
                    for (int i = 0; i < 50; i++)
                    {
                        batch.Metrics.Add(new MetricPoint($"m{t}", i, (b * 50) + i, default));
                    }

                    await tracker.LogBatchAsync(run.RunId, batch);
                }
            })));
        }
        finally
        {
            foreach (SqliteExperimentTracker tracker in trackers)
            {
                tracker.Dispose();
            }
        }

        for (int t = 0; t < trackers.Length; t++)
        {
            IReadOnlyList<MetricPoint> history = await _tracker.GetMetricHistoryAsync(run.RunId, $"m{t}");
            Assert.Equal(Enumerable.Range(0, 500).Select(i => (long)i), history.Select(p => p.Step));
        }
    }
}
