using Ml.Sdk.FeatureStore.Definitions;

namespace Ml.Sdk.FeatureStore.Catalog;

/// <summary>One feature of a feature service, pinned to the view version the service was registered against.</summary>
/// <param name="View">The view version it comes from.</param>
/// <param name="Field">The feature.</param>
public sealed record ServiceFeature(RegisteredFeatureView View, Field Field)
{
    /// <summary>Gets the feature's reference, <c>view:feature</c> as in Feast.</summary>
    public string Reference => $"{View.Name}:{Field.Name}";
}
