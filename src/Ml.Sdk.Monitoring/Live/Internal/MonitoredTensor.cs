namespace Ml.Sdk.Monitoring.Live.Internal;

/// <summary>A tensor and its column names as the app gave them, before validation.</summary>
internal sealed record MonitoredTensor(string TensorName, string?[] ColumnNames);
