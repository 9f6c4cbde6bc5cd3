using Microsoft.Extensions.Hosting;

namespace Ml.Sdk.Monitoring.Live.Internal;

/// <summary>
/// Runs the monitor in the background: loads the reference profiles when the host starts (a bad profile fails the
/// start), drains the sampled inferences into the windows, and checks each model every
/// <see cref="ModelMonitorBuilder.CheckEvery"/> on the host's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class MonitoringHostedService(MonitoringService monitor, IServiceProvider services, TimeProvider timeProvider) : BackgroundService
{
    private PeriodicTimer[] _timers = [];

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await monitor.InitializeAsync(services, cancellationToken).ConfigureAwait(false);

        // The timers start with the host, not whenever ExecuteAsync gets a thread, so the first check is due exactly
        // one interval after the start on the host's clock (and a test's FakeTimeProvider can rely on it).
        _timers = [.. monitor.Models.Select(m => new PeriodicTimer(m.Settings.CheckInterval, timeProvider))];
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        foreach (PeriodicTimer timer in _timers)
        {
            timer.Dispose();
        }

        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = new List<Task>(monitor.Models.Count + 1) { IngestAsync(stoppingToken) };
        for (int i = 0; i < _timers.Length; i++)
        {
            loops.Add(CheckPeriodicallyAsync(monitor.Models[i], _timers[i], stoppingToken));
        }

        return Task.WhenAll(loops);
    }

    private async Task IngestAsync(CancellationToken stoppingToken)
    {
        // Yield first: ExecuteAsync runs synchronously up to its first await, inside the host's start.
        await Task.Yield();
        try
        {
            while (await monitor.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                monitor.Ingest();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task CheckPeriodicallyAsync(MonitoredModel model, PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await monitor.RunCheckAsync(model, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Already logged and counted by the check: one bad check never stops the monitor.
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
