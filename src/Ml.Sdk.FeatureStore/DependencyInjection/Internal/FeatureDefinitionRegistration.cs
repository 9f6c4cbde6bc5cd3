using Ml.Sdk.FeatureStore.Catalog;

namespace Ml.Sdk.FeatureStore.DependencyInjection.Internal;

/// <summary>One registration of definitions, applied to the catalog in the order the builder received them.</summary>
internal sealed record FeatureDefinitionRegistration(Action<FeatureCatalog> Register);
