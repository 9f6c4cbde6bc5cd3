using Microsoft.Extensions.Time.Testing;
using Ml.Sdk.Monitoring.Live.Internal;
using Ml.Sdk.Monitoring.Tests.Live.TestSupport;

namespace Ml.Sdk.Monitoring.Tests.Live;

public sealed class SampleWindowTests
{
    [Fact]
    public void Add_PastCapacity_KeepsTheLatestRowsOldestFirst()
    {
        var window = new SampleWindow(columnCount: 2, capacity: 5);
        for (int i = 0; i < 8; i++)
        {
            window.Add([i, 10 * i], ticks: i, version: "v" + (i / 4));
        }

        var copy = new[] { new float[5], new float[5] };
        int rows = window.CopyTo(copy);

        Assert.Equal(5, rows);
        Assert.Equal([3f, 4f, 5f, 6f, 7f], copy[0]);
        Assert.Equal([30f, 40f, 50f, 60f, 70f], copy[1]);
        Assert.Equal("v0,v1", window.DescribeVersions());
    }

    [Fact]
    public void EvictOlderThan_DropsOnlyTheRowsBeforeTheCutoff()
    {
        var window = new SampleWindow(columnCount: 1, capacity: 10);
        for (int i = 0; i < 6; i++)
        {
            window.Add([i], ticks: i * 100, version: "1");
        }

        Assert.Equal(3, window.EvictOlderThan(300));
        Assert.Equal(3, window.Count);
        Assert.Equal(3f, window.Get(0, 0));
        Assert.Equal(0, window.EvictOlderThan(300));
    }

    [Fact]
    public void TimeWindow_AsTimePasses_EvictsByEventTimestampAndStaysBounded()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using MonitoringService service = TestMonitors.Create(m =>
        {
            TestMonitors.Standard(m);
            m.UseReferenceProfile(TestMonitors.NoProfile).Window(TimeSpan.FromMinutes(10), maxRows: 150).MinimumRows(1);
        }, time);
        var observer = new MonitoringObserver(service);
        (float[] x, float[] y, float[] score) = TestMonitors.Columns(100, 9, 0);

        TestMonitors.Feed(observer, time, x, y, score);
        service.Ingest();
        Assert.Equal(100, service.GetStatus(TestMonitors.Model).WindowRows);

        time.Advance(TimeSpan.FromMinutes(6));
        TestMonitors.Feed(observer, time, x, y, score);
        service.Ingest();
        Assert.Equal(150, service.GetStatus(TestMonitors.Model).WindowRows);

        // The first hundred rows are now 11 minutes old; the second are 5.
        time.Advance(TimeSpan.FromMinutes(5));
        TestMonitors.Feed(observer, time, x[..1], y[..1], score[..1]);
        service.Ingest();
        Assert.Equal(101, service.GetStatus(TestMonitors.Model).WindowRows);
    }

    [Fact]
    public void CountWindow_ManyMoreRowsThanItsSize_HoldsExactlyItsSize()
    {
        var time = new FakeTimeProvider();
        using MonitoringService service = TestMonitors.Create(m =>
        {
            TestMonitors.Standard(m);
            m.UseReferenceProfile(TestMonitors.NoProfile).Window(50).MinimumRows(1);
        }, time);
        (float[] x, float[] y, float[] score) = TestMonitors.Columns(500, 2, 0);

        TestMonitors.Feed(new MonitoringObserver(service), time, x, y, score);
        service.Ingest();

        Assert.Equal(50, service.GetStatus(TestMonitors.Model).WindowRows);
        Assert.Equal(x[450], service.Models[0].Window.Get(0, 0));
        Assert.Equal(score[499], service.Models[0].Window.Get(2, 49));
    }
}
