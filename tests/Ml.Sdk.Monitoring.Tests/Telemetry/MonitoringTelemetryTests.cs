using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using Ml.Sdk.Core.Observability;
using Ml.Sdk.Monitoring.Live.Internal;
using Ml.Sdk.Monitoring.Performance;
using Ml.Sdk.Monitoring.Telemetry;
using Ml.Sdk.Monitoring.Tests.Live.TestSupport;

namespace Ml.Sdk.Monitoring.Tests.Telemetry;

public sealed class MonitoringTelemetryTests : IDisposable
{
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private IMeterFactory MeterFactory => _metrics.GetRequiredService<IMeterFactory>();

    public void Dispose() => _metrics.Dispose();

    [Fact]
    public void RowsInstruments_SampledAndDropped_ObservedPerModel()
    {
        using MonitoringService service = TestMonitors.Create(m =>
        {
            TestMonitors.Standard(m);
            m.UseReferenceProfile(TestMonitors.NoProfile);
        }, _time, o => o.QueueCapacity = 3, meterFactory: MeterFactory);
        using var sampled = new MetricCollector<long>(MeterFactory, MonitoringTelemetry.Name, MonitoringTelemetry.RowsSampledInstrument);
        using var dropped = new MetricCollector<long>(MeterFactory, MonitoringTelemetry.Name, MonitoringTelemetry.RowsDroppedInstrument);
        (float[] x, float[] y, float[] score) = TestMonitors.Columns(5, 1, 0);

        TestMonitors.Feed(new MonitoringObserver(service), _time, x, y, score);
        sampled.RecordObservableInstruments();
        dropped.RecordObservableInstruments();

        Assert.Equal(3, sampled.LastMeasurement!.Value);
        Assert.Equal(TestMonitors.Model, sampled.LastMeasurement.Tags[MonitoringTelemetry.ModelTag]);
        Assert.Equal(2, dropped.LastMeasurement!.Value);
    }

    [Fact]
    public void PerformanceGauge_AfterGroundTruth_ReportsEachMetricTaggedByName()
    {
        using MonitoringService service = TestMonitors.Create(m =>
        {
            m.UseReferenceProfile(TestMonitors.NoProfile).MonitorInput("features", "x", "g").MinimumRows(1);
            m.TrackPerformance(PerformanceTask.BinaryClassification, "prob", 0);
        }, _time, meterFactory: MeterFactory);
        using var gauge = new MetricCollector<double>(MeterFactory, MonitoringTelemetry.Name, MonitoringTelemetry.PerformanceInstrument);
        var observer = new MonitoringObserver(service);
        float[] scores = [0.9f, 0.2f, 0.7f, 0.4f];
        for (int i = 0; i < 4; i++)
        {
            var inference = new InferenceEvent(TestMonitors.Model, "1", "r" + i,
                new FloatTensorSet().Add("features", [1f, 0f], 1, 2), new FloatTensorSet().Add("prob", [scores[i]], 1, 1), TimeSpan.Zero, _time.GetUtcNow());
            observer.OnInference(in inference);
        }

        service.Ingest();
        double[] labels = [1, 0, 0, 1];
        for (int i = 0; i < 4; i++)
        {
            service.RecordGroundTruth(TestMonitors.Model, "r" + i, labels[i]);
        }

        service.GetPerformance(TestMonitors.Model);
        gauge.RecordObservableInstruments();

        Dictionary<string, double> byMetric = gauge.GetMeasurementSnapshot()
            .ToDictionary(static m => (string)m.Tags[MonitoringTelemetry.MetricTag]!, static m => m.Value);
        Assert.Equal(0.5, byMetric["accuracy"], 12);
        Assert.Equal(0.75, byMetric["roc_auc"], 12);
        Assert.False(byMetric.ContainsKey("rmse"));
    }

    [Fact]
    public async Task DriftGauges_AfterACheck_ReportEachColumnsScoreAndTheShare()
    {
        using MonitoringService service = TestMonitors.Create(m =>
        {
            TestMonitors.Standard(m);
            m.UseReferenceProfile(TestMonitors.ReferenceProfile()).Window(1000).MinimumRows(100);
        }, _time, meterFactory: MeterFactory);
        using var scores = new MetricCollector<double>(MeterFactory, MonitoringTelemetry.Name, MonitoringTelemetry.DriftScoreInstrument);
        using var share = new MetricCollector<double>(MeterFactory, MonitoringTelemetry.Name, MonitoringTelemetry.DriftShareInstrument);
        using var checks = new MetricCollector<long>(MeterFactory, MonitoringTelemetry.Name, MonitoringTelemetry.ChecksInstrument);
        (float[] x, float[] y, float[] score) = TestMonitors.Columns(1000, 8, shift: 2.0);
        TestMonitors.Feed(new MonitoringObserver(service), _time, x, y, score);

        var result = await service.CheckNowAsync(TestMonitors.Model);
        scores.RecordObservableInstruments();
        share.RecordObservableInstruments();

        Assert.NotNull(result);
        Dictionary<string, double> byColumn = scores.GetMeasurementSnapshot()
            .ToDictionary(static m => (string)m.Tags[MonitoringTelemetry.ColumnTag]!, static m => m.Value);
        Assert.Equal(result["x"].Score, byColumn["x"]);
        Assert.Equal(result["score"].Score, byColumn["score"]);
        Assert.Equal(result["x"].Method.ToString(), scores.GetMeasurementSnapshot()[0].Tags[MonitoringTelemetry.MethodTag]);
        Assert.Equal(2.0 / 3.0, share.LastMeasurement!.Value, 12);
        Assert.Equal(1, checks.LastMeasurement!.Value);
    }
}
