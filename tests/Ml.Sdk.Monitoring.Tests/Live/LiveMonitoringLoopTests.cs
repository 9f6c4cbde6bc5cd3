using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Ml.Sdk.Core.Observability;
using Ml.Sdk.Monitoring.Alerts;
using Ml.Sdk.Monitoring.Drift;
using Ml.Sdk.Monitoring.Live;
using Ml.Sdk.Monitoring.Performance;
using Ml.Sdk.Monitoring.Profiles;
using Ml.Sdk.Monitoring.Tests.Live.TestSupport;

namespace Ml.Sdk.Monitoring.Tests.Live;

public sealed class LiveMonitoringLoopTests
{
    private static readonly TimeSpan s_generousWait = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private async Task<IHost> StartAsync(RecordingAlertSink sink, Action<ModelMonitorBuilder> configure)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddSingleton<IAlertSink>(sink);
        builder.Services.AddMlMonitoring()
            .MonitorModel(TestMonitors.Model, configure);
        IHost host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static IInferenceObserver Observer(IHost host) =>
        Assert.Single(host.Services.GetServices<IInferenceObserver>());

    [Fact]
    public async Task CheckNowAsync_ReferenceLikeThenShiftedTraffic_OneDataDriftAlertThroughTheCooldown()
    {
        var sink = new RecordingAlertSink();
        ReferenceProfile profile = TestMonitors.ReferenceProfile();
        using IHost host = await StartAsync(sink, m =>
        {
            TestMonitors.Standard(m);
            m.UseReferenceProfile(profile).Window(2000).MinimumRows(500).CheckEvery(TimeSpan.FromHours(1)).AlertCooldown(TimeSpan.FromMinutes(30));
        });
        IMonitoringService monitoring = host.Services.GetRequiredService<IMonitoringService>();
        IInferenceObserver observer = Observer(host);

        (float[] x, float[] y, float[] score) = TestMonitors.Columns(2000, seed: 2, shift: 0);
        TestMonitors.Feed(observer, _time, x, y, score);
        DatasetDriftResult? calm = await monitoring.CheckNowAsync(TestMonitors.Model);

        Assert.NotNull(calm);
        Assert.Equal(2000, calm.CurrentRowCount);
        Assert.Equal(3, calm.TestedColumnCount);
        Assert.Equal(0, calm.DriftedColumnCount);
        Assert.Empty(sink.Alerts);

        (x, y, score) = TestMonitors.Columns(2000, seed: 3, shift: 1.0);
        TestMonitors.Feed(observer, _time, x, y, score);
        DatasetDriftResult? shifted = await monitoring.CheckNowAsync(TestMonitors.Model);

        Assert.NotNull(shifted);
        Assert.True(shifted["x"].Drifted);
        Assert.True(shifted["y"].Drifted);
        Assert.False(shifted["score"].Drifted);
        MonitoringAlert alert = Assert.Single(sink.Alerts);
        Assert.Equal(AlertKind.DataDrift, alert.Kind);
        Assert.Equal(TestMonitors.Model, alert.ModelName);
        Assert.Equal("1", alert.ModelVersion);
        Assert.Equal(["x", "y"], alert.Figures.Keys.Order());
        Assert.Equal(shifted["x"].Score, alert.Figures["x"]);

        for (int i = 0; i < 4; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(5));
            await monitoring.CheckNowAsync(TestMonitors.Model);
        }

        Assert.Single(sink.Alerts);
        Assert.Same(monitoring.GetLatestDrift(TestMonitors.Model), monitoring.GetLatestDrift(TestMonitors.Model));
        Assert.Equal(6, monitoring.GetStatus(TestMonitors.Model).Checks);
        await host.StopAsync();
    }

    [Fact]
    public async Task WatchColumn_ShiftInTheStream_OneStreamingDriftAlertWithTheDetectorsOwnCount()
    {
        var sink = new RecordingAlertSink();
        ReferenceProfile profile = TestMonitors.ReferenceProfile();
        using IHost host = await StartAsync(sink, m =>
        {
            TestMonitors.Standard(m);
            m.UseReferenceProfile(profile).Window(2000).MinimumRows(500).CheckEvery(TimeSpan.FromHours(1))
                .WatchColumn("x", static () => new Ml.Sdk.Monitoring.Streaming.Adwin());
        });
        IMonitoringService monitoring = host.Services.GetRequiredService<IMonitoringService>();
        (float[] calmX, float[] calmY, float[] calmScore) = TestMonitors.Columns(2000, seed: 2, shift: 0);
        (float[] shiftedX, float[] shiftedY, float[] shiftedScore) = TestMonitors.Columns(2000, seed: 3, shift: 1.0);

        TestMonitors.Feed(Observer(host), _time, calmX, calmY, calmScore);
        _ = await monitoring.CheckNowAsync(TestMonitors.Model);
        long calmDetections = monitoring.GetStatus(TestMonitors.Model).StreamingDetections;
        TestMonitors.Feed(Observer(host), _time, shiftedX, shiftedY, shiftedScore);
        _ = await monitoring.CheckNowAsync(TestMonitors.Model);
        TestMonitors.Feed(Observer(host), _time, shiftedX, shiftedY, shiftedScore);
        _ = await monitoring.CheckNowAsync(TestMonitors.Model);

        // The same detector fed the same values in the same order, by hand.
        var expected = new Ml.Sdk.Monitoring.Streaming.Adwin();
        long expectedCalm = calmX.LongCount(v => expected.Update(v));
        long expectedTotal = expectedCalm + shiftedX.LongCount(v => expected.Update(v)) + shiftedX.LongCount(v => expected.Update(v));
        Assert.Equal(expectedCalm, calmDetections);
        Assert.Equal(0, calmDetections);
        Assert.Equal(expectedTotal, monitoring.GetStatus(TestMonitors.Model).StreamingDetections);
        MonitoringAlert alert = Assert.Single(sink.Alerts, static a => a.Kind == AlertKind.StreamingDrift);
        Assert.True(alert.Figures["x"] >= 1);
        Assert.Contains("Adwin on x", alert.Message, StringComparison.Ordinal);
        await host.StopAsync();
    }

    [Fact]
    public async Task WatchErrors_ErrorRateJumpsAsLabelsArrive_StreamingDriftAlertFromTheErrorStream()
    {
        var sink = new RecordingAlertSink();
        ReferenceProfile profile = TestMonitors.ReferenceProfile();
        using IHost host = await StartAsync(sink, m =>
        {
            TestMonitors.Standard(m);
            m.UseReferenceProfile(profile).Window(2000).MinimumRows(500).CheckEvery(TimeSpan.FromHours(1))
                .TrackPerformance(PerformanceTask.BinaryClassification, "prob", 0, window: 2000)
                .WatchErrors(static () => new Ml.Sdk.Monitoring.Streaming.Ddm());
        });
        IMonitoringService monitoring = host.Services.GetRequiredService<IMonitoringService>();
        (float[] x, float[] y, float[] score) = TestMonitors.Columns(2000, seed: 2, shift: 0);
        TestMonitors.Feed(Observer(host), _time, x, y, score, requestIdPrefix: "r");
        _ = await monitoring.CheckNowAsync(TestMonitors.Model);

        // Right 95 % of the time for the first 1,000 labels, then wrong 40 % of the time.
        var random = new Random(5);
        var expected = new Ml.Sdk.Monitoring.Streaming.Ddm();
        long expectedDetections = 0;
        for (int i = 0; i < 2000; i++)
        {
            double predicted = score[i] >= 0.5 ? 1 : 0;
            bool wrong = random.NextDouble() < (i < 1000 ? 0.05 : 0.4);
            monitoring.RecordGroundTruth(TestMonitors.Model, "r" + i, wrong ? 1 - predicted : predicted);
            expectedDetections += expected.Update(wrong ? 1 : 0) ? 1 : 0;
        }

        _ = await monitoring.CheckNowAsync(TestMonitors.Model);

        Assert.True(expectedDetections >= 1);
        Assert.Equal(expectedDetections, monitoring.GetStatus(TestMonitors.Model).StreamingDetections);
        MonitoringAlert alert = Assert.Single(sink.Alerts, static a => a.Kind == AlertKind.StreamingDrift);
        Assert.Equal(expectedDetections, alert.Figures["prediction errors"]);
        await host.StopAsync();
    }

    [Fact]
    public async Task BackgroundService_CheckEveryElapses_RunsTheCheckOnTheTimeProvider()
    {
        var sink = new RecordingAlertSink();
        ReferenceProfile profile = TestMonitors.ReferenceProfile();
        using IHost host = await StartAsync(sink, m =>
        {
            TestMonitors.Standard(m);
            m.UseReferenceProfile(profile).Window(1000).MinimumRows(100).CheckEvery(TimeSpan.FromMinutes(1));
        });
        IMonitoringService monitoring = host.Services.GetRequiredService<IMonitoringService>();
        (float[] x, float[] y, float[] score) = TestMonitors.Columns(1000, seed: 4, shift: 2.0);
        TestMonitors.Feed(Observer(host), _time, x, y, score);

        Assert.Null(monitoring.GetLatestDrift(TestMonitors.Model));
        _time.Advance(TimeSpan.FromMinutes(1));
        DateTime deadline = DateTime.UtcNow + s_generousWait;
        // The check counts itself before it hands its alert to the sinks: wait for the alert too.
        while ((monitoring.GetStatus(TestMonitors.Model).Checks == 0 || sink.Alerts.Count == 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        DatasetDriftResult? result = monitoring.GetLatestDrift(TestMonitors.Model);
        Assert.NotNull(result);
        Assert.Equal(1000, result.CurrentRowCount);
        Assert.Equal(2, result.DriftedColumnCount);
        Assert.Equal(AlertKind.DataDrift, Assert.Single(sink.Alerts).Kind);
        await host.StopAsync();
    }

    [Fact]
    public async Task CheckNowAsync_FewerRowsThanTheMinimum_RunsNoCheck()
    {
        var sink = new RecordingAlertSink();
        ReferenceProfile profile = TestMonitors.ReferenceProfile();
        using IHost host = await StartAsync(sink, m =>
        {
            TestMonitors.Standard(m);
            m.UseReferenceProfile(profile).Window(1000).MinimumRows(200).CheckEvery(TimeSpan.FromHours(1));
        });
        IMonitoringService monitoring = host.Services.GetRequiredService<IMonitoringService>();
        (float[] x, float[] y, float[] score) = TestMonitors.Columns(199, seed: 5, shift: 3.0);
        TestMonitors.Feed(Observer(host), _time, x, y, score);

        Assert.Null(await monitoring.CheckNowAsync(TestMonitors.Model));
        Assert.Equal(0, monitoring.GetStatus(TestMonitors.Model).Checks);
        Assert.Empty(sink.Alerts);
        await host.StopAsync();
    }

    [Fact]
    public async Task CheckNowAsync_PerformanceAndFairnessLimitsCrossed_OneAlertOfEachKind()
    {
        var sink = new RecordingAlertSink();
        ReferenceProfile profile = TestMonitors.ReferenceProfile();
        using IHost host = await StartAsync(sink, m =>
        {
            m.UseReferenceProfile(profile).MonitorInput("features", "x", null, "y").MonitorOutput("prob", "score")
                .Window(1000).MinimumRows(4).CheckEvery(TimeSpan.FromHours(1))
                .TrackPerformance(PerformanceTask.BinaryClassification, "prob", 0, window: 100, minAccuracy: 0.9)
                .TrackFairness("y", 0.1, 1.0);
        });
        IMonitoringService monitoring = host.Services.GetRequiredService<IMonitoringService>();
        // y is the group (0 or 1 here); scores against labels give accuracy 0.5 and a demographic parity difference of 0.5.
        float[] x = [0, 0, 0, 0];
        float[] y = [0, 0, 1, 1];
        float[] score = [0.9f, 0.8f, 0.1f, 0.2f];
        double[] labels = [1, 0, 1, 0];
        TestMonitors.Feed(Observer(host), _time, x, y, score, requestIdPrefix: "r");
        for (int i = 0; i < 4; i++)
        {
            monitoring.RecordGroundTruth(TestMonitors.Model, "r" + i, labels[i]);
        }

        await monitoring.CheckNowAsync(TestMonitors.Model);
        await monitoring.CheckNowAsync(TestMonitors.Model);

        Assert.Equal(0.5, monitoring.GetPerformance(TestMonitors.Model)!.Accuracy, 12);
        MonitoringAlert performance = Assert.Single(sink.Alerts, static a => a.Kind == AlertKind.PerformanceDegraded);
        Assert.Equal(0.5, performance.Figures["accuracy"], 12);
        MonitoringAlert fairness = Assert.Single(sink.Alerts, static a => a.Kind == AlertKind.FairnessViolated);
        Assert.Equal(1.0, fairness.Figures["demographic_parity_difference"], 12); // selection rates 1 (group 0) and 0 (group 1)
        await host.StopAsync();
    }
}
