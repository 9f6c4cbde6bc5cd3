namespace Ml.Sdk.Monitoring.Alerts;

/// <summary>What a monitoring alert is about.</summary>
public enum AlertKind
{
    /// <summary>Input or output columns drifted from the reference.</summary>
    DataDrift,

    /// <summary>A performance metric (accuracy, F1, AUC, RMSE) crossed its limit once ground truth arrived.</summary>
    PerformanceDegraded,

    /// <summary>A fairness metric (demographic parity or equalized odds difference) crossed its limit.</summary>
    FairnessViolated,

    /// <summary>A streaming detector (ADWIN, Page–Hinkley, KSWIN, DDM) watching a column or the prediction errors detected a change.</summary>
    StreamingDrift,
}
