using System.Collections.Concurrent;
using Ml.Sdk.Monitoring.Alerts;

namespace QuickStart.Chapters;

/// <summary>
/// The payments service's alert channel in this story: it keeps every alert so the chapter can print them. A real app
/// adds a webhook (<c>AddWebhookAlerts</c>) or its own pager sink; the logging sink runs beside it either way.
/// </summary>
public sealed class CollectingAlertSink : IAlertSink
{
    private readonly ConcurrentQueue<MonitoringAlert> _alerts = new();

    public IReadOnlyList<MonitoringAlert> Alerts => [.. _alerts];

    public ValueTask SendAsync(MonitoringAlert alert, CancellationToken cancellationToken)
    {
        _alerts.Enqueue(alert);
        return ValueTask.CompletedTask;
    }
}
