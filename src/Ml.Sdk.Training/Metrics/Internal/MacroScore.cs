namespace Ml.Sdk.Training.Metrics.Internal;

/// <summary>Which per-class score a macro average takes the mean of.</summary>
internal enum MacroScore
{
    /// <summary><c>tp / (tp + fp)</c>.</summary>
    Precision,

    /// <summary><c>tp / (tp + fn)</c>.</summary>
    Recall,

    /// <summary><c>2·tp / (2·tp + fp + fn)</c>.</summary>
    F1,
}
