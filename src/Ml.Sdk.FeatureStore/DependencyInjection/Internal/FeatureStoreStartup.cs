using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ml.Sdk.FeatureStore.DependencyInjection.Internal;

/// <summary>Builds the catalog and opens the stores when the host starts, so a bad definition or path fails the start.</summary>
internal sealed class FeatureStoreStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<IFeatureStore>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
