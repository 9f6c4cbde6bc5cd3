using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Ml.Sdk.Core.DependencyInjection;
using Ml.Sdk.Core.DependencyInjection.Internal;
using Ml.Sdk.Core.Devices;
using Ml.Sdk.Core.Observability;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Ml.Sdk.Core's services. Every other Ml.Sdk package's <c>Add...</c> calls it.</summary>
public static class MlCoreServiceCollectionExtensions
{
    /// <summary>Adds the shared Ml.Sdk services with default options. Calling it again is harmless.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>A builder for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static IMlCoreBuilder AddMlCore(this IServiceCollection services) => AddMlCoreServices(services, configure: null);

    /// <summary>Adds the shared Ml.Sdk services and configures their options.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures <see cref="MlCoreOptions"/>.</param>
    /// <returns>A builder for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IMlCoreBuilder AddMlCore(this IServiceCollection services, Action<MlCoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return AddMlCoreServices(services, configure);
    }

    /// <summary>Adds the shared Ml.Sdk services and binds their options from a configuration section.</summary>
    /// <remarks>A malformed value (e.g. <c>DefaultDevice: gpu</c>) fails when the host starts, naming the value.</remarks>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The section, e.g. <c>configuration.GetSection("MlSdk:Core")</c>.</param>
    /// <returns>A builder for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IMlCoreBuilder AddMlCore(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        // Bound by hand: two settings do not need the reflection binder, and this stays trimming and AOT safe.
        return AddMlCoreServices(services, options =>
        {
            if (section[nameof(MlCoreOptions.DefaultDevice)] is { Length: > 0 } device)
            {
                options.DefaultDevice = ComputeDevice.Parse(device);
            }
        });
    }

    private static MlCoreBuilder AddMlCoreServices(IServiceCollection services, Action<MlCoreOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);

        OptionsBuilder<MlCoreOptions> options = services.AddOptions<MlCoreOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // Everything below is TryAdd so that every package may call AddMlCore() and the app may replace any part.
        if (!services.Any(d => d.ServiceType == typeof(IMlCoreBuilder)))
        {
            options.ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MlCoreOptions>, MlCoreOptionsValidator>());
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ComputeDeviceResolver>();
        services.TryAddSingleton<InferencePublisher>();
        var builder = new MlCoreBuilder(services);
        services.TryAddSingleton<IMlCoreBuilder>(builder);
        return builder;
    }
}
