using Microsoft.Extensions.Time.Testing;
using Ml.Sdk.Registry.Naming;
using Ml.Sdk.Registry.Tracking;

namespace Ml.Sdk.Registry.Tests.Tracking;

/// <summary>
/// The behaviour every <see cref="IExperimentTracker"/> must have. A store derives from this class and supplies
/// trackers on one store per test.
/// </summary>
public abstract class ExperimentTrackerContractTests : IDisposable
{
    private readonly List<IDisposable> _disposables = [];
    private IExperimentTracker? _tracker;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Gets this test's tracker, created on first use.</summary>
    protected IExperimentTracker Tracker => _tracker ??= NewTracker();

    /// <summary>Creates a tracker on this test's store (every call shares the same store).</summary>
    protected abstract IExperimentTracker CreateTracker(TimeProvider timeProvider);

    public virtual void Dispose()
    {
        foreach (IDisposable disposable in _disposables)
        {
            disposable.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Creates another tracker on the same store, disposed with the test.</summary>
    protected IExperimentTracker NewTracker()
    {
        IExperimentTracker tracker = CreateTracker(Time);
        if (tracker is IDisposable disposable)
        {
            _disposables.Add(disposable);
        }

        return tracker;
    }

    [Fact]
    public async Task StartRun_LogEverything_GetRunReturnsIt()
    {
        RunInfo run = await Tracker.StartRunAsync("fraud", "baseline", new Dictionary<string, string> { ["team"] = "payments" });
        await Tracker.LogParamAsync(run.RunId, "lr", "0.001");
        await Tracker.LogMetricAsync(run.RunId, "val_loss", 0.9, stepIndex: 1);
        Time.Advance(TimeSpan.FromSeconds(5));
        await Tracker.LogMetricAsync(run.RunId, "val_loss", 0.5, stepIndex: 2);
        await Tracker.SetTagAsync(run.RunId, "team", "risk");

        RunDetails details = await Tracker.GetRunAsync(run.RunId);

        Assert.Equal("fraud", details.Info.ExperimentName);
        Assert.Equal("baseline", details.Info.Name);
        Assert.Equal(RunStatus.Running, details.Info.Status);
        Assert.Equal(Time.Start, details.Info.StartTime);
        Assert.Equal("0.001", details.Params["lr"]);
        Assert.Equal("risk", details.Tags["team"]);
        Assert.Equal(0.5, details.LatestMetrics["val_loss"].Value);
        Assert.Equal(2, details.LatestMetrics["val_loss"].Step);
        Assert.Equal(Time.Start.AddSeconds(5), details.LatestMetrics["val_loss"].Timestamp);
        Assert.Equal(32, run.RunId.Length);
    }

    [Fact]
    public async Task LogMetric_NaNAndInfinities_RoundTripExactly()
    {
        RunInfo run = await Tracker.StartRunAsync("fraud");
        double[] values = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, double.Epsilon, double.MaxValue];
        for (int i = 0; i < values.Length; i++)
        {
            await Tracker.LogMetricAsync(run.RunId, "odd", values[i], stepIndex: i);
        }

        IReadOnlyList<MetricPoint> history = await Tracker.GetMetricHistoryAsync(run.RunId, "odd");

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
        RunInfo run = await Tracker.StartRunAsync("fraud");
        DateTimeOffset t0 = Time.GetUtcNow();
        await Tracker.LogMetricAsync(run.RunId, "acc", 0.7, stepIndex: 5, timestamp: t0.AddSeconds(10));
        await Tracker.LogMetricAsync(run.RunId, "acc", 0.8, stepIndex: 5, timestamp: t0.AddSeconds(20));
        await Tracker.LogMetricAsync(run.RunId, "acc", 0.6, stepIndex: 4, timestamp: t0.AddSeconds(30));
        await Tracker.LogMetricAsync(run.RunId, "f1", 0.1, stepIndex: 1, timestamp: t0);
        await Tracker.LogMetricAsync(run.RunId, "f1", 0.2, stepIndex: 1, timestamp: t0);

        RunDetails details = await Tracker.GetRunAsync(run.RunId);

        Assert.Equal(0.8, details.LatestMetrics["acc"].Value);
        Assert.Equal(0.2, details.LatestMetrics["f1"].Value);
        Assert.Equal([0.7, 0.8, 0.6], (await Tracker.GetMetricHistoryAsync(run.RunId, "acc")).Select(p => p.Value));
    }

    [Fact]
    public async Task LogParam_SameValueAgain_IsHarmless_DifferentValue_IsRefused()
    {
        RunInfo run = await Tracker.StartRunAsync("fraud");
        await Tracker.LogParamAsync(run.RunId, "epochs", "10");
        await Tracker.LogParamAsync(run.RunId, "epochs", "10");

        var ex = await Assert.ThrowsAsync<ParamConflictException>(() => Tracker.LogParamAsync(run.RunId, "epochs", "20"));

        Assert.Equal("epochs", ex.Key);
        Assert.Equal("10", ex.ExistingValue);
        Assert.Equal("20", ex.RejectedValue);
        Assert.Equal("10", (await Tracker.GetRunAsync(run.RunId)).Params["epochs"]);
    }

    [Fact]
    public async Task LogBatch_ParamConflict_WritesNothingOfTheBatch()
    {
        RunInfo run = await Tracker.StartRunAsync("fraud");
        await Tracker.LogParamAsync(run.RunId, "epochs", "10");
        var batch = new RunBatch();
        batch.Params["batch_size"] = "64";
        batch.Params["epochs"] = "11";
        batch.Tags["stage"] = "dev";
        for (int i = 0; i < 100; i++)
        {
            batch.Metrics.Add(new MetricPoint("loss", 1.0 / (i + 1), i, default));
        }

        await Assert.ThrowsAsync<ParamConflictException>(() => Tracker.LogBatchAsync(run.RunId, batch));

        RunDetails details = await Tracker.GetRunAsync(run.RunId);
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
        RunInfo run = await Tracker.StartRunAsync("fraud");
        var batch = new RunBatch();
        batch.Metrics.Add(new MetricPoint("loss", 0.5, 0, default));
        batch.Metrics.Add(new MetricPoint(badKey, 0.5, 0, default));
        batch.Params["lr"] = "0.1";

        var ex = await Assert.ThrowsAsync<InvalidNameException>(() => Tracker.LogBatchAsync(run.RunId, batch));

        Assert.Contains("metric name", ex.Message, StringComparison.Ordinal);
        RunDetails details = await Tracker.GetRunAsync(run.RunId);
        Assert.Empty(details.LatestMetrics);
        Assert.Empty(details.Params);
    }

    [Fact]
    public async Task InvalidNamesAndValues_AreRefusedBeforeAnythingIsStored()
    {
        await Assert.ThrowsAsync<InvalidNameException>(() => Tracker.StartRunAsync("../../etc"));
        await Assert.ThrowsAsync<InvalidNameException>(() => Tracker.StartRunAsync(new string('x', 129)));
        await Assert.ThrowsAsync<InvalidNameException>(() => Tracker.GetOrCreateExperimentAsync("fraud@champion"));
        RunInfo run = await Tracker.StartRunAsync("fraud");
        await Assert.ThrowsAsync<InvalidNameException>(() => Tracker.SetTagAsync(run.RunId, "note", new string('x', NameRules.MaxValueLength + 1)));
        await Assert.ThrowsAsync<InvalidNameException>(() => Tracker.LogParamAsync(run.RunId, "lr", "0.1\0"));

        RunDetails details = await Tracker.GetRunAsync(run.RunId);
        Assert.Empty(details.Tags);
        Assert.Empty(details.Params);
        Assert.Single(await Tracker.ListRunsAsync("fraud"));
        await Assert.ThrowsAsync<RunNotFoundException>(() => Tracker.ListRunsAsync("etc"));
    }

    [Fact]
    public async Task EndRun_ThenWrites_AreRefused()
    {
        RunInfo run = await Tracker.StartRunAsync("fraud");
        Time.Advance(TimeSpan.FromMinutes(3));

        RunInfo ended = await Tracker.EndRunAsync(run.RunId, RunStatus.Failed);

        Assert.Equal(RunStatus.Failed, ended.Status);
        Assert.Equal(Time.Start.AddMinutes(3), ended.EndTime);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Tracker.LogMetricAsync(run.RunId, "loss", 1));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Tracker.EndRunAsync(run.RunId));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Tracker.EndRunAsync(run.RunId, RunStatus.Running));
        Assert.Empty((await Tracker.GetRunAsync(run.RunId)).LatestMetrics);
    }

    [Fact]
    public async Task UnknownRun_ThrowsRunNotFound()
    {
        await Assert.ThrowsAsync<RunNotFoundException>(() => Tracker.GetRunAsync("0123456789abcdef0123456789abcdef"));
        await Assert.ThrowsAsync<RunNotFoundException>(() => Tracker.LogMetricAsync("nope", "loss", 1));
        await Assert.ThrowsAsync<RunNotFoundException>(() => Tracker.GetMetricHistoryAsync("nope", "loss"));
    }

    [Fact]
    public async Task ListRuns_NewestFirst()
    {
        RunInfo first = await Tracker.StartRunAsync("fraud", "first");
        Time.Advance(TimeSpan.FromSeconds(1));
        RunInfo second = await Tracker.StartRunAsync("fraud", "second");
        await Tracker.StartRunAsync("other");

        IReadOnlyList<RunInfo> runs = await Tracker.ListRunsAsync("fraud");

        Assert.Equal([second.RunId, first.RunId], runs.Select(r => r.RunId));
        Assert.True(string.CompareOrdinal(first.RunId, second.RunId) < 0, "run ids sort by start time");
    }

    [Fact]
    public async Task ConcurrentBatches_FromSeveralTrackersOnOneRoot_AllStored()
    {
        RunInfo run = await Tracker.StartRunAsync("fraud");
        IExperimentTracker[] trackers = [.. Enumerable.Range(0, 4).Select(_ => NewTracker())];
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

        for (int t = 0; t < trackers.Length; t++)
        {
            IReadOnlyList<MetricPoint> history = await Tracker.GetMetricHistoryAsync(run.RunId, $"m{t}");
            Assert.Equal(Enumerable.Range(0, 500).Select(i => (long)i), history.Select(p => p.Step));
        }
    }
}
