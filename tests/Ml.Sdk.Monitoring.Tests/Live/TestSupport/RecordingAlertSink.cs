using Ml.Sdk.Monitoring.Alerts;

namespace Ml.Sdk.Monitoring.Tests.Live.TestSupport;

/// <summary>Keeps every alert it receives, in order. Thread-safe.</summary>
internal sealed class RecordingAlertSink : IAlertSink
{
    private readonly Lock _gate = new();
    private readonly List<MonitoringAlert> _alerts = [];

    public IReadOnlyList<MonitoringAlert> Alerts
    {
        get
        {
            lock (_gate)
            {
                return [.. _alerts];
            }
        }
    }

    public ValueTask SendAsync(MonitoringAlert alert, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _alerts.Add(alert);
        }

        return ValueTask.CompletedTask;
    }
}
