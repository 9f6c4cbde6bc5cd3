using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Ml.Sdk.Monitoring.Alerts;
using Ml.Sdk.Monitoring.Live;

namespace Ml.Sdk.Monitoring;

/// <summary>Adds monitored models and alert sinks: <c>services.AddMlMonitoring().MonitorModel("fraud", m => m.UseReferenceProfile(profile))</c>.</summary>
public interface IMlMonitoringBuilder
{
    /// <summary>Gets the services being configured.</summary>
    IServiceCollection Services { get; }

    /// <summary>Monitors the traffic that Serving answers under <paramref name="modelName"/>.</summary>
    /// <param name="modelName">The served model's name (as in <c>AddMlServing().AddModel(name, ...)</c>).</param>
    /// <param name="configure">Sets the reference profile, the monitored columns, the windows, checks and alerts. It runs, and is validated, when the host starts.</param>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="modelName"/> is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is <see langword="null"/>.</exception>
    IMlMonitoringBuilder MonitorModel(string modelName, Action<ModelMonitorBuilder> configure);

    /// <summary>Adds an alert sink; every registered sink receives every alert. Adding the same type twice is harmless.</summary>
    /// <typeparam name="TSink">The sink, created by DI as a singleton.</typeparam>
    /// <returns>This builder, for chaining.</returns>
    IMlMonitoringBuilder AddAlertSink<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSink>()
        where TSink : class, IAlertSink;

    /// <summary>Adds the webhook sink, which POSTs each alert as JSON.</summary>
    /// <param name="configure">Sets the URL, retries and headers (validated when the host starts).</param>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is <see langword="null"/>.</exception>
    IMlMonitoringBuilder AddWebhookAlerts(Action<WebhookAlertOptions> configure);
}
