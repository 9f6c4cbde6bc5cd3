namespace Ml.Sdk.Registry.Tracking;

/// <summary>A run with its params, tags and each metric's latest value.</summary>
/// <param name="Info">Identity and lifecycle.</param>
/// <param name="Params">The params, immutable once logged.</param>
/// <param name="Tags">The tags (mutable).</param>
/// <param name="LatestMetrics">
/// Per metric, the value at the highest step; among equal steps the latest timestamp, then the last logged.
/// </param>
public sealed record RunDetails(
    RunInfo Info,
    IReadOnlyDictionary<string, string> Params,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyDictionary<string, MetricPoint> LatestMetrics);
