using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace Ml.Sdk.Registry.Tests.Models;

public sealed class SqliteModelRegistryTests : ModelRegistryContractTests
{
    private readonly TemporaryFolder _root = new();

    protected override IModelRegistry CreateRegistry(TimeProvider timeProvider, TimeSpan changePollInterval, long maxArtifactBytes) =>
        new SqliteModelRegistry(
            Options.Create(new RegistryOptions { RootPath = _root.Path, ChangePollInterval = changePollInterval, MaxArtifactBytes = maxArtifactBytes }),
            timeProvider,
            NullLogger<SqliteModelRegistry>.Instance);

    protected override IReadOnlyList<string> StoredArtifactFiles()
    {
        string artifacts = Path.Combine(_root.Path, "artifacts");
        return Directory.Exists(artifacts)
            ? [.. Directory.EnumerateFiles(artifacts, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(artifacts, f))]
            : [];
    }

    public override void Dispose()
    {
        base.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task RegisterVersionAsync_Blob_IsStoredAtItsContentAddress()
    {
        IModelRegistry registry = Registry();

        ModelVersion version = await registry.RegisterVersionAsync(Version("fraud", "weights"));

        string sha = Sha256Hex("weights");
        Assert.Equal(sha, version.Artifacts[0].Sha256);
        Assert.Equal([Path.Combine("sha256", sha[..2], sha)], StoredArtifactFiles());
    }

    [Fact]
    public async Task WatchAsync_ChangeFromAnotherProcess_ArrivesOnlyAfterPollInterval()
    {
        IModelRegistry registry = Registry();
        await registry.RegisterVersionAsync(Version("fraud"));
        long after = (await registry.GetChangesAsync())[^1].Sequence;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using IAsyncEnumerator<RegistryChange> watch = registry.WatchAsync(after, timeout.Token).GetAsyncEnumerator(timeout.Token);
        ValueTask<bool> next = watch.MoveNextAsync();

        // Let the watcher finish its first read and park on its poll timer, so only a poll can find the change below.
        await Task.Delay(200);
        Assert.False(next.IsCompleted);

        // Written straight to the database, as another process would: no in-process signal fires.
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_root.Path, "registry.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            using SqliteCommand insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO changes (kind, model_name, version, alias, occurred_at) VALUES ('VersionDeleted', 'fraud', 1, NULL, '2026-03-01T12:00:00.0000000+00:00');";
            await insert.ExecuteNonQueryAsync();
        }

        await Task.Delay(200);
        Assert.False(next.IsCompleted);
        Time.Advance(ChangePollInterval - TimeSpan.FromMilliseconds(1));
        await Task.Delay(100);
        Assert.False(next.IsCompleted);

        // The watcher's poll timer may be armed a moment late; keep nudging the clock until it fires.
        while (!next.IsCompleted && !timeout.IsCancellationRequested)
        {
            Time.Advance(ChangePollInterval);
            await Task.Delay(20);
        }

        Assert.True(await next);
        Assert.Equal((RegistryChangeKind.VersionDeleted, "fraud", 1), (watch.Current.Kind, watch.Current.ModelName, watch.Current.Version!.Value));
    }

    [Fact]
    public async Task RegisterVersionAsync_StaleTempFileFromCrashedWriter_IsCleanedUp()
    {
        IModelRegistry registry = Registry();
        await registry.RegisterVersionAsync(Version("fraud", "1"));
        string artifacts = Path.Combine(_root.Path, "artifacts");
        string stale = Path.Combine(artifacts, ".tmp-stale");
        string fresh = Path.Combine(artifacts, ".tmp-fresh");
        await File.WriteAllTextAsync(stale, "partial");
        await File.WriteAllTextAsync(fresh, "partial");
        File.SetLastWriteTimeUtc(stale, Time.GetUtcNow().UtcDateTime.AddHours(2));
        File.SetLastWriteTimeUtc(fresh, Time.GetUtcNow().UtcDateTime.AddHours(2).AddMinutes(30));

        Time.Advance(TimeSpan.FromHours(3).Add(TimeSpan.FromMinutes(1)));
        IModelRegistry later = Registry();
        await later.RegisterVersionAsync(Version("fraud", "2"));

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(fresh));
    }

    [Fact]
    public async Task RegisterVersionAsync_AndAliasMove_AreLogged()
    {
        var logger = new FakeLogger<SqliteModelRegistry>();
        using var registry = new SqliteModelRegistry(Options.Create(new RegistryOptions { RootPath = _root.Path }), Time, logger);

        await registry.RegisterVersionAsync(Version("fraud", "1"));
        await registry.RegisterVersionAsync(Version("fraud", "2"));
        await registry.SetAliasAsync("fraud", "champion", 1);
        await registry.SetAliasAsync("fraud", "champion", 2);

        IReadOnlyList<FakeLogRecord> records = logger.Collector.GetSnapshot();
        Assert.Equal([2001, 2001, 2008, 2002], records.Select(r => r.Id.Id));
        Assert.Equal("Alias fraud@champion created at version 1", records[2].Message);
        Assert.All(records, r => Assert.Equal(LogLevel.Information, r.Level));
        Assert.Equal("Registered model fraud version 2 (1 artifacts, 1 bytes)", records[1].Message);
        Assert.Equal("Alias fraud@champion moved from version 1 to 2", records[3].Message);
    }

    [Fact]
    public async Task RegisterVersionAsync_WithListeners_EmitsActivityAndCounters()
    {
        // Listeners are process-wide and tests run in parallel: a unique model name picks out this test's signals.
        string name = "telemetry-" + Guid.NewGuid().ToString("N");
        var measurements = new ConcurrentQueue<(string Instrument, long Value)>();
        using var meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ModelRegistryTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                if (tag.Key == ModelRegistryTelemetry.ModelNameTag && Equals(tag.Value, name))
                {
                    measurements.Enqueue((instrument.Name, value));
                }
            }
        });
        meterListener.Start();
        var activities = new ConcurrentQueue<Activity>();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ModelRegistryTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Equals(activity.GetTagItem(ModelRegistryTelemetry.ModelNameTag), name))
                {
                    activities.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(activityListener);
        IModelRegistry registry = Registry();

        await registry.RegisterVersionAsync(Version(name, "12345"));

        Assert.Equal(
            [(ModelRegistryTelemetry.VersionsRegistered, 1L), (ModelRegistryTelemetry.ArtifactBytesStored, 5L)],
            measurements.ToArray());
        Activity activity = Assert.Single(activities);
        Assert.Equal("RegisterModelVersion", activity.OperationName);
        Assert.Equal(1, activity.GetTagItem(ModelRegistryTelemetry.VersionTag));
    }
}
