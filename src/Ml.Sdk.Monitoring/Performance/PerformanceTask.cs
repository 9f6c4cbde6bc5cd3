namespace Ml.Sdk.Monitoring.Performance;

/// <summary>What kind of model a monitored model is, which decides the performance metrics computed for it.</summary>
public enum PerformanceTask
{
    /// <summary>Labels and predicted labels are 0 or 1 (with an optional score for ROC AUC): accuracy, F1, ROC AUC and the fairness metrics.</summary>
    BinaryClassification,

    /// <summary>Labels and predictions are real numbers: RMSE.</summary>
    Regression,
}
