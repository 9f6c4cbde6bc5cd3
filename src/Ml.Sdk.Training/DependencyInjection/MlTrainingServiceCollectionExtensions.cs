using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ml.Sdk.Core.DependencyInjection;
using Ml.Sdk.Core.Devices;
using Ml.Sdk.Registry;
using Ml.Sdk.Registry.Tracking;
using Ml.Sdk.Training;
using Ml.Sdk.Training.DependencyInjection;
using Ml.Sdk.Training.DependencyInjection.Internal;
using Ml.Sdk.Training.Onnx;
using Ml.Sdk.Training.Promotion;
using Ml.Sdk.Training.Search;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers Ml.Sdk training: the <see cref="Trainer"/>, the <see cref="OnnxExporter"/>, the
/// <see cref="ModelPromotionGate"/> and <see cref="HyperparameterSearch"/>. Tracking, the gate and the search use the
/// registry's services: add them with <c>services.AddMlRegistry()</c> (in any order).
/// </summary>
public static class MlTrainingServiceCollectionExtensions
{
    /// <summary>Adds the training services with default options. Calling it again is harmless.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>A builder for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static IMlTrainingBuilder AddMlTraining(this IServiceCollection services) => AddMlTrainingServices(services, configure: null);

    /// <summary>Adds the training services and configures their options.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures <see cref="MlTrainingOptions"/>.</param>
    /// <returns>A builder for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IMlTrainingBuilder AddMlTraining(this IServiceCollection services, Action<MlTrainingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return AddMlTrainingServices(services, configure);
    }

    /// <summary>Adds the training services and binds their options from a configuration section.</summary>
    /// <remarks>A malformed <c>Device</c> (e.g. <c>gpu</c>) fails when the options are first read, naming the value.</remarks>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The section, e.g. <c>configuration.GetSection("MlSdk:Training")</c>.</param>
    /// <returns>A builder for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IMlTrainingBuilder AddMlTraining(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return AddMlTrainingServices(services, options =>
        {
            if (section[nameof(MlTrainingOptions.Device)] is { Length: > 0 } device)
            {
                options.Device = ComputeDevice.Parse(device);
            }
        });
    }

    private static MlTrainingBuilder AddMlTrainingServices(IServiceCollection services, Action<MlTrainingOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMlCore();
        OptionsBuilder<MlTrainingOptions> options = services.AddOptions<MlTrainingOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddSingleton(static provider => new Trainer(
            provider.GetRequiredService<ComputeDeviceResolver>(),
            provider.GetService<IExperimentTracker>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<Trainer>>(),
            provider.GetRequiredService<IOptions<MlTrainingOptions>>().Value.Device
                ?? provider.GetService<IOptions<MlCoreOptions>>()?.Value.DefaultDevice
                ?? ComputeDevice.Auto));
        services.TryAddSingleton(static provider => new OnnxExporter(provider.GetService<ILogger<OnnxExporter>>()));
        services.TryAddSingleton(static provider => new ModelPromotionGate(
            provider.GetService<IModelRegistry>() ?? throw MissingRegistry(nameof(ModelPromotionGate), nameof(IModelRegistry)),
            provider.GetRequiredService<OnnxExporter>(),
            provider.GetService<IExperimentTracker>(),
            provider.GetService<ILogger<ModelPromotionGate>>()));
        services.TryAddSingleton(static provider => new HyperparameterSearch(
            provider.GetService<IExperimentTracker>() ?? throw MissingRegistry(nameof(HyperparameterSearch), nameof(IExperimentTracker)),
            provider.GetService<ILogger<HyperparameterSearch>>()));
        var builder = new MlTrainingBuilder(services);
        services.TryAddSingleton<IMlTrainingBuilder>(builder);
        return builder;
    }

    private static InvalidOperationException MissingRegistry(string service, string dependency) =>
        new($"{service} needs an {dependency}: add the registry with services.AddMlRegistry() (or a provider such as UsePostgreSql).");
}
