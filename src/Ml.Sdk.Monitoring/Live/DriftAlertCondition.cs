namespace Ml.Sdk.Monitoring.Live;

/// <summary>When a drift check raises a <see cref="Alerts.AlertKind.DataDrift"/> alert.</summary>
public enum DriftAlertCondition
{
    /// <summary>Any tested column drifted (the default).</summary>
    AnyColumnDrifted,

    /// <summary>The dataset drifted: the share of drifted columns reached <see cref="Drift.DriftOptions.DriftShareThreshold"/>.</summary>
    DatasetDrifted,
}
