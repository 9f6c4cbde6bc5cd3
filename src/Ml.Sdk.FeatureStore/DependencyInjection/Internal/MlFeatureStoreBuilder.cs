using Microsoft.Extensions.DependencyInjection;
using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Definitions;

namespace Ml.Sdk.FeatureStore.DependencyInjection.Internal;

internal sealed class MlFeatureStoreBuilder(IServiceCollection services) : IMlFeatureStoreBuilder
{
    public IServiceCollection Services { get; } = services;

    public IMlFeatureStoreBuilder AddEntity(Entity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return AddDefinitions(catalog => catalog.Register(entity));
    }

    public IMlFeatureStoreBuilder AddFeatureView(FeatureView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return AddDefinitions(catalog => catalog.Register(view));
    }

    public IMlFeatureStoreBuilder AddOnDemandFeatureView(OnDemandFeatureView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return AddDefinitions(catalog => catalog.Register(view));
    }

    public IMlFeatureStoreBuilder AddFeatureService(FeatureService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return AddDefinitions(catalog => catalog.Register(service));
    }

    public IMlFeatureStoreBuilder AddDefinitions(Action<FeatureCatalog> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        Services.AddSingleton(new FeatureDefinitionRegistration(definitions));
        return this;
    }
}
