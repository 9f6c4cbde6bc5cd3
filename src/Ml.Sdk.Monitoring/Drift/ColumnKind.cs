namespace Ml.Sdk.Monitoring.Drift;

/// <summary>Whether a column's values are measured (numeric) or labels (categorical).</summary>
public enum ColumnKind
{
    /// <summary>Numbers on a scale: binned by reference quantiles, compared by rank tests and distances.</summary>
    Numeric,

    /// <summary>Labels: compared by their shares per category.</summary>
    Categorical,
}
