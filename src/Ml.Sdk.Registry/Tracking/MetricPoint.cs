namespace Ml.Sdk.Registry.Tracking;

/// <summary>One value of a metric's series. NaN and infinities are valid values and are stored as such.</summary>
/// <param name="Key">The metric name.</param>
/// <param name="Value">The value.</param>
/// <param name="Step">The step (epoch, batch) it belongs to.</param>
/// <param name="Timestamp">When it was measured.</param>
public readonly record struct MetricPoint(string Key, double Value, long Step, DateTimeOffset Timestamp);
