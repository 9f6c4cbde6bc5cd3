using System.Diagnostics;

namespace Ml.Sdk.Monitoring.Telemetry;

/// <summary>
/// The names of Monitoring's meter, activity source, instruments and tags, for <c>AddMeter(MonitoringTelemetry.Name)</c>
/// and <c>AddSource(MonitoringTelemetry.Name)</c> in OpenTelemetry.
/// </summary>
/// <remarks>
/// When the host registers an <see cref="System.Diagnostics.Metrics.IMeterFactory"/> (any <c>Host.CreateApplicationBuilder</c>
/// app does), the meter is created through it; otherwise the monitoring service creates and disposes its own.
/// </remarks>
public static class MonitoringTelemetry
{
    /// <summary>The meter's and activity source's name.</summary>
    public const string Name = "Ml.Sdk.Monitoring";

    /// <summary>The latest drift score per monitored column (observable gauge; tags model, column, method).</summary>
    public const string DriftScoreInstrument = "ml_sdk.monitoring.drift.score";

    /// <summary>The latest share of drifted columns per model (observable gauge; tag model).</summary>
    public const string DriftShareInstrument = "ml_sdk.monitoring.drift.share";

    /// <summary>Inferences sampled into the monitoring windows (observable counter; tag model).</summary>
    public const string RowsSampledInstrument = "ml_sdk.monitoring.rows.sampled";

    /// <summary>Sampled inferences dropped because the monitoring queue was full, or unreadable (observable counter; tag model).</summary>
    public const string RowsDroppedInstrument = "ml_sdk.monitoring.rows.dropped";

    /// <summary>Drift checks run (counter; tag model).</summary>
    public const string ChecksInstrument = "ml_sdk.monitoring.checks";

    /// <summary>Drift checks that threw (counter; tag model).</summary>
    public const string CheckFailuresInstrument = "ml_sdk.monitoring.check.failures";

    /// <summary>Alerts raised, after the cooldown (counter; tags model, kind).</summary>
    public const string AlertsInstrument = "ml_sdk.monitoring.alerts";

    /// <summary>The latest performance and fairness figures (observable gauge; tags model, metric).</summary>
    public const string PerformanceInstrument = "ml_sdk.monitoring.performance";

    /// <summary>The model tag.</summary>
    public const string ModelTag = "ml_sdk.model";

    /// <summary>The column tag of <see cref="DriftScoreInstrument"/>.</summary>
    public const string ColumnTag = "ml_sdk.column";

    /// <summary>The drift-method tag of <see cref="DriftScoreInstrument"/> (the <see cref="Drift.DriftMethod"/> name).</summary>
    public const string MethodTag = "ml_sdk.drift.method";

    /// <summary>The alert-kind tag of <see cref="AlertsInstrument"/> (the <see cref="Alerts.AlertKind"/> name).</summary>
    public const string KindTag = "ml_sdk.alert.kind";

    /// <summary>The metric tag of <see cref="PerformanceInstrument"/>: accuracy, f1, roc_auc, rmse, demographic_parity_difference, equalized_odds_difference.</summary>
    public const string MetricTag = "ml_sdk.metric";

    /// <summary>The name of the activity that each drift check runs in.</summary>
    public const string CheckActivityName = "ml_sdk.monitoring.check";

    internal static readonly ActivitySource ActivitySource = new(Name);
}
