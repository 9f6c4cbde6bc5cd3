using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ml.Sdk.FeatureStore;
using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.DependencyInjection.Internal;
using Ml.Sdk.FeatureStore.Materialization;
using Ml.Sdk.FeatureStore.Offline;
using Ml.Sdk.FeatureStore.Online;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Ml.Sdk feature store to a service collection.</summary>
public static class MlFeatureStoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds the embedded feature store with the default options (data under <c>ml-data</c>): <see cref="IFeatureStore"/>,
    /// the <see cref="FeatureCatalog"/>, the DuckDB offline store, the SQLite online store (unless another
    /// <see cref="IOnlineStore"/>, such as Redis, is registered), online retrieval and materialization. Calling it again
    /// is harmless.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>A builder to register definitions with.</returns>
    public static IMlFeatureStoreBuilder AddMlFeatureStore(this IServiceCollection services) => AddServices(services, null);

    /// <summary>Adds the feature store with options set in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options (validated when the host starts).</param>
    /// <returns>A builder to register definitions with.</returns>
    public static IMlFeatureStoreBuilder AddMlFeatureStore(this IServiceCollection services, Action<MlFeatureStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return AddServices(services, configure);
    }

    /// <summary>Adds the feature store with options bound from configuration (e.g. <c>configuration.GetSection("MlFeatureStore")</c>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The section.</param>
    /// <returns>A builder to register definitions with.</returns>
    public static IMlFeatureStoreBuilder AddMlFeatureStore(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return AddServices(services, options => section.Bind(options));
    }

    private static MlFeatureStoreBuilder AddServices(IServiceCollection services, Action<MlFeatureStoreOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<MlFeatureStoreOptions> options = services.AddOptions<MlFeatureStoreOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MlFeatureStoreOptions>, MlFeatureStoreOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static provider =>
        {
            var catalog = new FeatureCatalog();
            foreach (FeatureDefinitionRegistration registration in provider.GetServices<FeatureDefinitionRegistration>())
            {
                registration.Register(catalog);
            }

            return catalog;
        });
        services.TryAddSingleton(static provider =>
        {
            MlFeatureStoreOptions settings = provider.GetRequiredService<IOptions<MlFeatureStoreOptions>>().Value;
            return new DuckDbOfflineStore(
                new DuckDbOfflineStoreOptions
                {
                    DatabasePath = Path.Combine(settings.RootPath, "offline.duckdb"),
                    MemoryLimit = settings.OfflineMemoryLimit,
                    Threads = settings.OfflineThreads,
                },
                provider.GetRequiredService<TimeProvider>(),
                provider.GetService<ILogger<DuckDbOfflineStore>>());
        });

        // Opening SQLite is a quick local call; the factory waits for it because DI factories are synchronous.
        services.TryAddSingleton<IOnlineStore>(static provider => SqliteOnlineStore.OpenAsync(
                Path.Combine(provider.GetRequiredService<IOptions<MlFeatureStoreOptions>>().Value.RootPath, "online.db"),
                provider.GetRequiredService<TimeProvider>())
            .AsTask().GetAwaiter().GetResult());
        services.TryAddSingleton(static provider => new OnlineFeatureRetriever(
            provider.GetRequiredService<IOnlineStore>(), provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(static provider => new FeatureMaterializer(
            provider.GetRequiredService<DuckDbOfflineStore>(),
            provider.GetRequiredService<IOnlineStore>(),
            new MaterializationOptions { ChunkSize = provider.GetRequiredService<IOptions<MlFeatureStoreOptions>>().Value.MaterializationChunkSize },
            provider.GetService<ILogger<FeatureMaterializer>>()));
        services.TryAddSingleton<IFeatureStore>(static provider => new FeatureStore(
            provider.GetRequiredService<FeatureCatalog>(),
            provider.GetRequiredService<DuckDbOfflineStore>(),
            provider.GetRequiredService<OnlineFeatureRetriever>(),
            provider.GetRequiredService<FeatureMaterializer>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, FeatureStoreStartup>());
        return new MlFeatureStoreBuilder(services);
    }
}
