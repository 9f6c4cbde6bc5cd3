namespace Ml.Sdk.Monitoring.Drift.Internal;

/// <summary>How a column's values were given to the dataset.</summary>
internal enum DriftColumnSource
{
    Numeric,
    Labels,
    Codes,
}
