using Microsoft.Extensions.Logging;

namespace Ml.Sdk.Monitoring.Alerts.Internal;

/// <summary>Hands one alert to every registered <see cref="IAlertSink"/> in turn; a failing sink is logged and counted and does not stop the others.</summary>
internal sealed class AlertDispatcher
{
    private readonly IAlertSink[] _sinks;
    private readonly ILogger _logger;
    private long _sinkFailures;

    public AlertDispatcher(IEnumerable<IAlertSink> sinks, ILogger<AlertDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        ArgumentNullException.ThrowIfNull(logger);
        _sinks = [.. sinks];
        _logger = logger;
    }

    /// <summary>Gets how many sinks are registered.</summary>
    public int SinkCount => _sinks.Length;

    /// <summary>Gets how many sink calls have thrown since start.</summary>
    public long SinkFailures => Interlocked.Read(ref _sinkFailures);

    /// <summary>Sends <paramref name="alert"/> to every sink; returns how many of them threw.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the remaining sinks are skipped.</exception>
    public async ValueTask<int> DispatchAsync(MonitoringAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        int failures = 0;
        foreach (IAlertSink sink in _sinks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await sink.SendAsync(alert, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A sink is third-party code on the alert path: whatever it throws must not cost the other sinks their alert.
                failures++;
                Interlocked.Increment(ref _sinkFailures);
                AlertLog.SinkFailed(_logger, ex, sink.GetType().FullName ?? sink.GetType().Name, alert.Kind, alert.ModelName);
            }
        }

        return failures;
    }
}
