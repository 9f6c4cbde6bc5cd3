using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Ml.Sdk.Registry;
using Ml.Sdk.Registry.DependencyInjection;
using Ml.Sdk.Registry.DependencyInjection.Internal;
using Ml.Sdk.Registry.Tracking;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Ml.Sdk registry: experiment tracking and the model registry, embedded on SQLite and files.</summary>
public static class MlRegistryServiceCollectionExtensions
{
    /// <summary>Adds the registry with default options (root folder <c>ml-data</c>). Calling it again is harmless.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>A builder for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static IMlRegistryBuilder AddMlRegistry(this IServiceCollection services) => AddMlRegistryServices(services, configure: null);

    /// <summary>Adds the registry and configures its options.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures <see cref="RegistryOptions"/>, e.g. <c>o =&gt; o.RootPath = "ml-data"</c>.</param>
    /// <returns>A builder for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IMlRegistryBuilder AddMlRegistry(this IServiceCollection services, Action<RegistryOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return AddMlRegistryServices(services, configure);
    }

    /// <summary>Adds the registry and binds its options from a configuration section.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The section, e.g. <c>configuration.GetSection("MlSdk:Registry")</c>.</param>
    /// <returns>A builder for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IMlRegistryBuilder AddMlRegistry(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        IMlRegistryBuilder builder = AddMlRegistryServices(services, configure: null);
        services.Configure<RegistryOptions>(section);
        return builder;
    }

    private static MlRegistryBuilder AddMlRegistryServices(IServiceCollection services, Action<RegistryOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMlCore();

        OptionsBuilder<RegistryOptions> options = services.AddOptions<RegistryOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (!services.Any(d => d.ServiceType == typeof(IMlRegistryBuilder)))
        {
            options.ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RegistryOptions>, RegistryOptionsValidator>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RegistryOptions>, RegistryOptionsRangeValidator>());
        }

        services.TryAddSingleton(static provider => new SqliteModelRegistry(
            provider.GetRequiredService<IOptions<RegistryOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<SqliteModelRegistry>>() ?? NullLogger<SqliteModelRegistry>.Instance));
        services.TryAddSingleton<IModelRegistry>(static provider => provider.GetRequiredService<SqliteModelRegistry>());
        services.TryAddSingleton<SqliteExperimentTracker>();
        services.TryAddSingleton<IExperimentTracker>(static provider => provider.GetRequiredService<SqliteExperimentTracker>());
        var builder = new MlRegistryBuilder(services);
        services.TryAddSingleton<IMlRegistryBuilder>(builder);
        return builder;
    }
}
