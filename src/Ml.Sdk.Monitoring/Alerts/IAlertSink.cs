namespace Ml.Sdk.Monitoring.Alerts;

/// <summary>
/// Delivers monitoring alerts somewhere (a log, a webhook, a pager). Register with
/// <c>services.AddMlMonitoring().AddAlertSink&lt;MySink&gt;()</c>; every registered sink receives every alert.
/// </summary>
/// <remarks>Called from the monitoring background service, never from a request. An exception is logged and counted; it does not stop the other sinks.</remarks>
public interface IAlertSink
{
    /// <summary>Delivers one alert.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    /// <returns>A task that completes when the alert is delivered (or given up on).</returns>
    ValueTask SendAsync(MonitoringAlert alert, CancellationToken cancellationToken);
}
