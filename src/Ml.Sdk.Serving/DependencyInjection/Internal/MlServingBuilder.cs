using Microsoft.Extensions.DependencyInjection;
using Ml.Sdk.Serving.Internal;

namespace Ml.Sdk.Serving.DependencyInjection.Internal;

/// <summary>The builder <c>AddMlServing()</c> returns.</summary>
internal sealed class MlServingBuilder(IServiceCollection services) : IMlServingBuilder
{
    public IServiceCollection Services { get; } = services;

    public IMlServingBuilder AddModel(string name, Action<ServedModelOptions> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        Services.AddSingleton(new ServedModelRegistration(name, configure));
        Services.AddKeyedSingleton<IModelClient>(name, static (provider, key) => provider.GetRequiredService<IModelServer>().GetClient((string)key!));
        return this;
    }
}
