using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Ml.Sdk.Monitoring.Alerts;
using Ml.Sdk.Monitoring.Alerts.Internal;
using Ml.Sdk.Monitoring.Live;

namespace Ml.Sdk.Monitoring.DependencyInjection.Internal;

/// <summary>The builder <c>AddMlMonitoring()</c> returns.</summary>
internal sealed class MlMonitoringBuilder(IServiceCollection services) : IMlMonitoringBuilder
{
    public IServiceCollection Services { get; } = services;

    public IMlMonitoringBuilder MonitorModel(string modelName, Action<ModelMonitorBuilder> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelName);
        ArgumentNullException.ThrowIfNull(configure);
        Services.AddSingleton(new MonitoredModelRegistration(modelName, configure));
        return this;
    }

    public IMlMonitoringBuilder AddAlertSink<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSink>()
        where TSink : class, IAlertSink
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertSink, TSink>());
        return this;
    }

    public IMlMonitoringBuilder AddWebhookAlerts(Action<WebhookAlertOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.AddOptions<WebhookAlertOptions>().Configure(configure).ValidateOnStart();
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookAlertOptions>, WebhookAlertOptionsValidator>());
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookAlertOptions>, WebhookAlertOptionsRulesValidator>());
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertSink, WebhookAlertSink>());
        return this;
    }
}
