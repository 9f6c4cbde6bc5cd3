namespace Ml.Sdk.Monitoring.Alerts;

/// <summary>One alert: which model, what happened, the figures behind it, and when.</summary>
public sealed class MonitoringAlert
{
    /// <summary>Gets the monitored model's name.</summary>
    public required string ModelName { get; init; }

    /// <summary>Gets the model versions seen in the window the alert is about (comma-separated), if known.</summary>
    public string? ModelVersion { get; init; }

    /// <summary>Gets what the alert is about.</summary>
    public required AlertKind Kind { get; init; }

    /// <summary>Gets a one-line human-readable summary.</summary>
    public required string Message { get; init; }

    /// <summary>Gets the figures behind the alert: per drifted column its score, or per metric its value (name to value).</summary>
    public required IReadOnlyDictionary<string, double> Figures { get; init; }

    /// <summary>Gets when the alert was raised (from the host's <see cref="TimeProvider"/>).</summary>
    public required DateTimeOffset Timestamp { get; init; }
}
