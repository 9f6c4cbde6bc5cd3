using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Ml.Sdk.Core.DependencyInjection;
using Ml.Sdk.Core.Devices;
using Ml.Sdk.Core.Observability;
using Ml.Sdk.Registry;
using Ml.Sdk.Serving;
using Ml.Sdk.Serving.DependencyInjection.Internal;
using Ml.Sdk.Serving.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Ml.Sdk serving to a service collection.</summary>
public static class MlServingServiceCollectionExtensions
{
    /// <summary>Adds serving with the default options.</summary>
    /// <param name="services">The services.</param>
    /// <returns>A builder to add models with.</returns>
    public static IMlServingBuilder AddMlServing(this IServiceCollection services) => AddMlServingServices(services, null);

    /// <summary>Adds serving with options set in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>A builder to add models with.</returns>
    public static IMlServingBuilder AddMlServing(this IServiceCollection services, Action<MlServingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return AddMlServingServices(services, configure);
    }

    /// <summary>Adds serving with options bound from configuration (e.g. <c>configuration.GetSection("MlServing")</c>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The section; <c>Device</c> reads as <c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</param>
    /// <returns>A builder to add models with.</returns>
    public static IMlServingBuilder AddMlServing(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return AddMlServingServices(services, options =>
        {
            section.Bind(options);

            // The binding source generator ignores ComputeDevice's TypeConverter (it would bind Kind and Index as
            // children), so "cpu" or "cuda:1" would silently stay Auto: read the device as text, as AddMlCore does.
            if (section[nameof(MlServingOptions.Device)] is { Length: > 0 } device)
            {
                options.Device = ComputeDevice.Parse(device);
            }
        });
    }

    private static MlServingBuilder AddMlServingServices(IServiceCollection services, Action<MlServingOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMlCore();
        OptionsBuilder<MlServingOptions> options = services.AddOptions<MlServingOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MlServingOptions>, MlServingOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MlServingOptions>, MlServingOptionsRangeValidator>());
        services.AddMemoryCache();
        services.TryAddSingleton(static provider => new InferenceObserverQueue(
            provider.GetRequiredService<InferencePublisher>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<IOptions<MlServingOptions>>().Value.ObserverQueueSize));
        services.TryAddSingleton(static provider =>
        {
            MlServingOptions settings = provider.GetRequiredService<IOptions<MlServingOptions>>().Value;
            ILoggerFactory loggers = provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
            ILogger logger = loggers.CreateLogger("Ml.Sdk.Serving.ModelServer");
            var sessions = new OnnxSessionFactory(
                new OnnxRuntimeEnvironment(settings, logger),
                provider.GetRequiredService<ComputeDeviceResolver>(),
                new OnnxRuntimeComputeRuntime(),
                logger);
            return new ModelServer(
                settings,
                provider.GetServices<ServedModelRegistration>(),
                sessions,
                provider.GetRequiredService<InferenceObserverQueue>(),
                provider.GetService<IModelRegistry>(),
                provider,
                provider.GetRequiredService<TimeProvider>(),
                loggers);
        });
        services.TryAddSingleton<IModelServer>(static provider => provider.GetRequiredService<ModelServer>());
        services.AddHostedService(static provider => new ModelServingHostedService(
            provider.GetRequiredService<ModelServer>(),
            provider.GetRequiredService<IOptions<MlServingOptions>>().Value,
            provider.GetService<IModelRegistry>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<ModelServingHostedService>>() ?? NullLogger<ModelServingHostedService>.Instance));
        if (!services.Any(static d => d.ServiceType == typeof(ServingHealthCheckMarker)))
        {
            services.AddSingleton<ServingHealthCheckMarker>();
            services.AddHealthChecks().AddCheck<ServingHealthCheck>(ServingHealthCheck.Name, tags: ["ready"]);
        }

        return new MlServingBuilder(services);
    }
}
