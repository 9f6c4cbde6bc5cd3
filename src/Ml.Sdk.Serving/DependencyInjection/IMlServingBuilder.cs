using Microsoft.Extensions.DependencyInjection;

namespace Ml.Sdk.Serving;

/// <summary>Adds models to serving: <c>services.AddMlServing().AddModel("fraud", m => m.FromRegistry("fraud", "champion"))</c>.</summary>
public interface IMlServingBuilder
{
    /// <summary>Gets the services being configured.</summary>
    IServiceCollection Services { get; }

    /// <summary>
    /// Serves a model under a name. Its client is registered as a keyed <see cref="IModelClient"/> under the same name.
    /// </summary>
    /// <param name="name">The name callers use.</param>
    /// <param name="configure">Its source (file or registry) and settings.</param>
    /// <returns>This builder, for chaining.</returns>
    IMlServingBuilder AddModel(string name, Action<ServedModelOptions> configure);
}
