using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Definitions;
using Ml.Sdk.FeatureStore.Materialization;
using Ml.Sdk.FeatureStore.Online;
using Ml.Sdk.FeatureStore.Tests.Offline;
using static Ml.Sdk.FeatureStore.Tests.Offline.OfflineStoreFixture;

namespace Ml.Sdk.FeatureStore.Tests.Materialization;

public sealed class FeatureMaterializerTests : IAsyncLifetime
{
    private readonly OfflineStoreFixture _fixture = new();
    private SqliteOnlineStore _online = null!;

    public async Task InitializeAsync() => _online = await SqliteOnlineStore.OpenAsync(Path.Combine(_fixture.Folder, "online.db"));

    public async Task DisposeAsync()
    {
        await _online.DisposeAsync();
        await _fixture.DisposeAsync();
    }

    [Fact]
    public async Task Materialize_Interval_WritesEachKeysLatestRowInsideIt()
    {
        RegisteredFeatureView view = _fixture.RegisterCustomerStats();
        await _fixture.Store.IngestAsync(view,
        [
            Row(1, 10, 1.0, 1), Row(1, 20, 2.0, 2), Row(1, 40, 9.0, 9),       // 40 is after the interval
            Row(2, 15, 3.0, 3, createdMinutes: 16), Row(2, 15, 4.0, 4, createdMinutes: 15), // tie: created 16 wins
            Row(3, 5, 5.0, 5),                                                 // before the interval
            Row(4, 30, 6.0, 6),                                                // exactly at the end: included
        ]);
        var materializer = new FeatureMaterializer(_fixture.Store, _online);

        MaterializationProgress done = await materializer.MaterializeAsync(view, T0.AddMinutes(10), T0.AddMinutes(30));

        Assert.True(done.Completed);
        Assert.Equal(3, done.RowsWritten);
        OnlineReadResult read = await Read(view, 1, 2, 3, 4);
        Assert.Equal([2.0, 3.0, null, 6.0], Enumerable.Range(0, 4).Select(k => read.GetValue(k, 0)));
        Assert.Equal(T0.AddMinutes(20), read.GetEventTimestamp(0));
        Assert.Equal(FeatureValueStatus.Missing, read.GetStatus(2, 0));
    }

    [Fact]
    public async Task Materialize_StoppedAfterTwoChunks_ResumesAfterTheLastSavedKeyWithoutRewritingIt()
    {
        RegisteredFeatureView view = _fixture.RegisterCustomerStats();
        await _fixture.Store.IngestAsync(view, [.. Enumerable.Range(1, 7).Select(k => Row(k, 10, k, k))]);
        var materializer = new FeatureMaterializer(_fixture.Store, _online, new MaterializationOptions { ChunkSize = 2 });
        using var stop = new CancellationTokenSource();
        var reports = new List<MaterializationProgress>();
        var stopAfterTwo = new SynchronousProgress(p =>
        {
            reports.Add(p);
            if (p.Chunks == 2)
            {
                stop.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => materializer.MaterializeAsync(view, T0, T0.AddHours(1), stopAfterTwo, stop.Token));
        OnlineReadResult partial = await Read(view, 1, 2, 3, 4, 5);
        Assert.Equal([1.0, 2.0, 3.0, 4.0, null], Enumerable.Range(0, 5).Select(k => partial.GetValue(k, 0)));

        MaterializationProgress resumed = await materializer.MaterializeAsync(view, T0, T0.AddHours(1));

        Assert.Equal(3, resumed.RowsWritten); // keys 5, 6 and 7 only
        Assert.Equal(2, resumed.Chunks);
        OnlineReadResult all = await Read(view, 1, 2, 3, 4, 5, 6, 7);
        Assert.Equal([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], Enumerable.Range(0, 7).Select(k => all.GetValue(k, 0)));
        Assert.Equal([1, 2], reports.Select(r => r.Chunks));
    }

    [Fact]
    public async Task Materialize_OnlineHoldsANewerValue_KeepsIt()
    {
        RegisteredFeatureView view = _fixture.RegisterCustomerStats();
        await _fixture.Store.IngestAsync(view, [Row(1, 10, 1.0, 1), Row(2, 10, 2.0, 2)]);
        await _online.WriteAsync(view, [new OnlineFeatureRow([1L], T0.AddMinutes(50), [50.0, 50])]);
        var materializer = new FeatureMaterializer(_fixture.Store, _online);

        MaterializationProgress done = await materializer.MaterializeAsync(view, T0, T0.AddHours(1));

        Assert.Equal(1, done.RowsWritten);
        Assert.Equal(1, done.RowsSkippedAsStale);
        OnlineReadResult read = await Read(view, 1, 2);
        Assert.Equal(50.0, read.GetValue(0, 0));
        Assert.Equal(2.0, read.GetValue(1, 0));
    }

    [Fact]
    public async Task MaterializeIncremental_StartsWhereTheLastIntervalEnded_TheFirstTimeAtEndMinusTtl()
    {
        RegisteredFeatureView view = _fixture.RegisterCustomerStats(ttl: TimeSpan.FromMinutes(30));
        await _fixture.Store.IngestAsync(view, [Row(1, 0, 1.0, 1), Row(2, 40, 2.0, 2)]);
        var materializer = new FeatureMaterializer(_fixture.Store, _online);

        MaterializationProgress first = await materializer.MaterializeIncrementalAsync(view, T0.AddMinutes(45));
        await _fixture.Store.IngestAsync(view, [Row(1, 50, 3.0, 3), Row(3, 44, 4.0, 4)]); // 44 is before the watermark 45
        MaterializationProgress second = await materializer.MaterializeIncrementalAsync(view, T0.AddMinutes(60));

        Assert.Equal((T0.AddMinutes(15), T0.AddMinutes(45), 1L), (first.Start, first.End, first.RowsWritten)); // key 1 at 0 is outside
        Assert.Equal((T0.AddMinutes(45), T0.AddMinutes(60), 1L), (second.Start, second.End, second.RowsWritten));
        OnlineReadResult read = await Read(view, 1, 2, 3);
        Assert.Equal([3.0, 2.0, null], Enumerable.Range(0, 3).Select(k => read.GetValue(k, 0)));
    }

    [Fact]
    public async Task Materialize_EndBeforeStart_Throws()
    {
        RegisteredFeatureView view = _fixture.RegisterCustomerStats();
        var materializer = new FeatureMaterializer(_fixture.Store, _online);

        await Assert.ThrowsAsync<ArgumentException>(() => materializer.MaterializeAsync(view, T0.AddMinutes(1), T0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeatureMaterializer(_fixture.Store, _online, new MaterializationOptions { ChunkSize = 0 }));
    }

    private ValueTask<OnlineReadResult> Read(RegisteredFeatureView view, params long[] keys) =>
        _online.ReadAsync(view, [.. keys.Select(k => new EntityKey(k))], T0.AddMinutes(60));

    private sealed class SynchronousProgress(Action<MaterializationProgress> report) : IProgress<MaterializationProgress>
    {
        public void Report(MaterializationProgress value) => report(value);
    }
}
