using System.Diagnostics.Metrics;
using Ml.Sdk.Monitoring.Drift;
using Ml.Sdk.Monitoring.Live.Internal;
using Ml.Sdk.Monitoring.Performance;

namespace Ml.Sdk.Monitoring.Telemetry.Internal;

/// <summary>
/// The instruments of one monitoring service. The gauges and the row counters are observable: they read the models'
/// latest results and counters when a listener collects, so the observer's hot path never touches a meter.
/// </summary>
internal sealed class MonitoringMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly bool _ownsMeter;

    public MonitoringMetrics(IMeterFactory? meterFactory, IReadOnlyCollection<MonitoredModel> models)
    {
        // Through the host's factory when there is one, so that each host (and each test) has its own meter.
        if (meterFactory is not null)
        {
            _meter = meterFactory.Create(new MeterOptions(MonitoringTelemetry.Name));
        }
        else
        {
            _meter = new Meter(MonitoringTelemetry.Name);
            _ownsMeter = true;
        }

        Checks = _meter.CreateCounter<long>(MonitoringTelemetry.ChecksInstrument, "{check}", "Drift checks run.");
        CheckFailures = _meter.CreateCounter<long>(MonitoringTelemetry.CheckFailuresInstrument, "{check}", "Drift checks that failed.");
        Alerts = _meter.CreateCounter<long>(MonitoringTelemetry.AlertsInstrument, "{alert}", "Monitoring alerts sent after the cooldown.");
        _meter.CreateObservableGauge(MonitoringTelemetry.DriftScoreInstrument, () => DriftScores(models), description: "The latest drift score per monitored column (a p-value or a distance, by method).");
        _meter.CreateObservableGauge(MonitoringTelemetry.DriftShareInstrument, () => DriftShares(models), description: "The latest share of drifted columns.");
        _meter.CreateObservableCounter(MonitoringTelemetry.RowsSampledInstrument, () => Rows(models, dropped: false), "{row}", "Rows sampled into the monitoring windows.");
        _meter.CreateObservableCounter(MonitoringTelemetry.RowsDroppedInstrument, () => Rows(models, dropped: true), "{row}", "Rows dropped because the monitoring queue was full (plus unreadable inferences).");
        _meter.CreateObservableGauge(MonitoringTelemetry.PerformanceInstrument, () => PerformanceFigures(models), description: "The latest performance and fairness figures.");
    }

    public Counter<long> Checks { get; }

    public Counter<long> CheckFailures { get; }

    public Counter<long> Alerts { get; }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private static List<Measurement<double>> DriftScores(IReadOnlyCollection<MonitoredModel> models)
    {
        var measurements = new List<Measurement<double>>();
        foreach (MonitoredModel model in models)
        {
            if (model.LatestDrift is not { } result)
            {
                continue;
            }

            foreach (ColumnDriftResult column in result.Columns)
            {
                if (column.Status != ColumnDriftStatus.Tested)
                {
                    continue;
                }

                measurements.Add(new Measurement<double>(
                    column.Score,
                    new KeyValuePair<string, object?>(MonitoringTelemetry.ModelTag, model.Name),
                    new KeyValuePair<string, object?>(MonitoringTelemetry.ColumnTag, column.Column),
                    new KeyValuePair<string, object?>(MonitoringTelemetry.MethodTag, column.Method.ToString())));
            }
        }

        return measurements;
    }

    private static List<Measurement<double>> DriftShares(IReadOnlyCollection<MonitoredModel> models)
    {
        var measurements = new List<Measurement<double>>();
        foreach (MonitoredModel model in models)
        {
            if (model.LatestDrift is { } result)
            {
                measurements.Add(new Measurement<double>(result.DriftShare, new KeyValuePair<string, object?>(MonitoringTelemetry.ModelTag, model.Name)));
            }
        }

        return measurements;
    }

    private static List<Measurement<long>> Rows(IReadOnlyCollection<MonitoredModel> models, bool dropped)
    {
        var measurements = new List<Measurement<long>>(models.Count);
        foreach (MonitoredModel model in models)
        {
            measurements.Add(new Measurement<long>(
                dropped ? model.DroppedRows : model.SampledRows,
                new KeyValuePair<string, object?>(MonitoringTelemetry.ModelTag, model.Name)));
        }

        return measurements;
    }

    private static List<Measurement<double>> PerformanceFigures(IReadOnlyCollection<MonitoredModel> models)
    {
        var measurements = new List<Measurement<double>>();
        foreach (MonitoredModel model in models)
        {
            if (model.LatestPerformance is not { MatchedCount: > 0 } snapshot)
            {
                continue;
            }

            Add(measurements, model.Name, "accuracy", snapshot.Accuracy);
            Add(measurements, model.Name, "f1", snapshot.F1);
            Add(measurements, model.Name, "roc_auc", snapshot.RocAuc);
            Add(measurements, model.Name, "rmse", snapshot.Rmse);
            Add(measurements, model.Name, "demographic_parity_difference", snapshot.DemographicParityDifference);
            Add(measurements, model.Name, "equalized_odds_difference", snapshot.EqualizedOddsDifference);
        }

        return measurements;
    }

    private static void Add(List<Measurement<double>> measurements, string model, string metric, double value)
    {
        if (!double.IsNaN(value))
        {
            measurements.Add(new Measurement<double>(
                value,
                new KeyValuePair<string, object?>(MonitoringTelemetry.ModelTag, model),
                new KeyValuePair<string, object?>(MonitoringTelemetry.MetricTag, metric)));
        }
    }
}
