using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Ml.Sdk.Registry;

namespace Ml.Sdk.Serving.Internal;

/// <summary>
/// Loads the served models when the host starts (waiting for them if <see cref="MlServingOptions.WaitForModelsOnStart"/>),
/// then follows the registry: an alias move or a new version makes the affected models load, warm up and swap.
/// </summary>
internal sealed class ModelServingHostedService(
    ModelServer server,
    MlServingOptions options,
    IModelRegistry? registry,
    TimeProvider timeProvider,
    ILogger<ModelServingHostedService> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        Task loading = server.WaitUntilReadyAsync(CancellationToken.None);
        if (options.WaitForModelsOnStart)
        {
            await loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Failures are logged and visible in health; the requests that need the model report them too.
            _ = loading.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (registry is null || !server.Hosts.Any(static h => h.Source is RegistryVersionSource))
        {
            return;
        }

        long after = 0;
        while (true)
        {
            IReadOnlyList<RegistryChange> page = await registry.GetChangesAsync(after, ModelQuery.MaxPageSize, stoppingToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            after = page[^1].Sequence;
        }

        // A change committed between the first load and the line above would otherwise be missed: refresh once.
        await server.WaitUntilReadyAsync(stoppingToken).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
        foreach (string name in server.Hosts.Select(static h => h.Options.RegisteredName).OfType<string>().Distinct())
        {
            await server.RefreshRegisteredAsync(name, stoppingToken).ConfigureAwait(false);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (RegistryChange change in registry.WatchAsync(after, stoppingToken).ConfigureAwait(false))
                {
                    after = change.Sequence;
                    if (change.Kind is RegistryChangeKind.AliasSet or RegistryChangeKind.AliasDeleted or RegistryChangeKind.VersionCreated
                        or RegistryChangeKind.VersionDeleted or RegistryChangeKind.VersionPurged)
                    {
                        await server.RefreshRegisteredAsync(change.ModelName, stoppingToken).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                TimeSpan delay = TimeSpan.FromSeconds(5);
                ServingLog.WatchFailed(logger, ex, delay.TotalSeconds);
                await Task.Delay(delay, timeProvider, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
