using Microsoft.Extensions.DependencyInjection;
using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Definitions;

namespace Ml.Sdk.FeatureStore;

/// <summary>Registers feature definitions with the feature store that <c>AddMlFeatureStore</c> added.</summary>
public interface IMlFeatureStoreBuilder
{
    /// <summary>Gets the services.</summary>
    IServiceCollection Services { get; }

    /// <summary>Registers an entity; applied, in call order, when the catalog is first resolved (at host start).</summary>
    /// <param name="entity">The entity.</param>
    /// <returns>This builder.</returns>
    IMlFeatureStoreBuilder AddEntity(Entity entity);

    /// <summary>Registers a feature view (its entities registered before it).</summary>
    /// <param name="view">The view.</param>
    /// <returns>This builder.</returns>
    IMlFeatureStoreBuilder AddFeatureView(FeatureView view);

    /// <summary>Registers an on-demand feature view (the views it reads registered before it).</summary>
    /// <param name="view">The on-demand view.</param>
    /// <returns>This builder.</returns>
    IMlFeatureStoreBuilder AddOnDemandFeatureView(OnDemandFeatureView view);

    /// <summary>Registers a feature service (its views registered before it).</summary>
    /// <param name="service">The service.</param>
    /// <returns>This builder.</returns>
    IMlFeatureStoreBuilder AddFeatureService(FeatureService service);

    /// <summary>Registers definitions in code against the catalog, in call order with the others.</summary>
    /// <param name="definitions">Registers definitions.</param>
    /// <returns>This builder.</returns>
    IMlFeatureStoreBuilder AddDefinitions(Action<FeatureCatalog> definitions);
}
