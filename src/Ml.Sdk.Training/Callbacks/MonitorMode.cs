namespace Ml.Sdk.Training.Callbacks;

/// <summary>Which direction of a monitored metric is better.</summary>
public enum MonitorMode
{
    /// <summary>Lower is better (losses, errors).</summary>
    Min,

    /// <summary>Higher is better (accuracy, F1, AUC).</summary>
    Max,
}
