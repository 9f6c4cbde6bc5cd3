using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Ml.Sdk.Core.Observability;
using Ml.Sdk.Monitoring;
using Ml.Sdk.Monitoring.Alerts;
using Ml.Sdk.Monitoring.Alerts.Internal;
using Ml.Sdk.Monitoring.DependencyInjection.Internal;
using Ml.Sdk.Monitoring.Live;
using Ml.Sdk.Monitoring.Live.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Ml.Sdk live monitoring of served models to a service collection.</summary>
public static class MlMonitoringServiceCollectionExtensions
{
    /// <summary>
    /// Adds live monitoring with the default options: an <see cref="IInferenceObserver"/> that samples Serving's
    /// inferences, a background service that checks drift and performance, <see cref="IMonitoringService"/> to query
    /// it, and the logging alert sink. Calling it again is harmless.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>A builder to add monitored models and alert sinks with.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static IMlMonitoringBuilder AddMlMonitoring(this IServiceCollection services) => AddMlMonitoringServices(services, null);

    /// <summary>Adds live monitoring with options set in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options (validated when the host starts).</param>
    /// <returns>A builder to add monitored models and alert sinks with.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IMlMonitoringBuilder AddMlMonitoring(this IServiceCollection services, Action<MlMonitoringOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return AddMlMonitoringServices(services, configure);
    }

    /// <summary>Adds live monitoring with options bound from configuration (e.g. <c>configuration.GetSection("MlMonitoring")</c>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The section.</param>
    /// <returns>A builder to add monitored models and alert sinks with.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IMlMonitoringBuilder AddMlMonitoring(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return AddMlMonitoringServices(services, options => section.Bind(options));
    }

    private static MlMonitoringBuilder AddMlMonitoringServices(IServiceCollection services, Action<MlMonitoringOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMlCore();
        OptionsBuilder<MlMonitoringOptions> options = services.AddOptions<MlMonitoringOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MlMonitoringOptions>, MlMonitoringOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MlMonitoringOptions>, MlMonitoringOptionsLifetimeValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static provider => new MonitoringService(
            provider.GetServices<MonitoredModelRegistration>(),
            provider.GetRequiredService<IOptions<MlMonitoringOptions>>().Value,
            provider.GetRequiredService<AlertDispatcher>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<MonitoringService>>(),
            provider.GetService<IMeterFactory>()));
        services.TryAddSingleton<IMonitoringService>(static provider => provider.GetRequiredService<MonitoringService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IInferenceObserver, MonitoringObserver>(
            static provider => new MonitoringObserver(provider.GetRequiredService<MonitoringService>())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MonitoringHostedService>(
            static provider => new MonitoringHostedService(
                provider.GetRequiredService<MonitoringService>(),
                provider,
                provider.GetRequiredService<TimeProvider>())));
        services.TryAddSingleton(static provider => new AlertDispatcher(
            provider.GetServices<IAlertSink>(),
            provider.GetService<ILogger<AlertDispatcher>>() ?? NullLogger<AlertDispatcher>.Instance));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertSink, LoggingAlertSink>(
            static provider => new LoggingAlertSink(provider.GetService<ILogger<LoggingAlertSink>>() ?? NullLogger<LoggingAlertSink>.Instance)));
        return new MlMonitoringBuilder(services);
    }
}
