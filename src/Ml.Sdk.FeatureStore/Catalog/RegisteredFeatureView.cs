using Ml.Sdk.FeatureStore.Definitions;

namespace Ml.Sdk.FeatureStore.Catalog;

/// <summary>A version of a feature view in a catalog, with its entities' join keys resolved.</summary>
/// <param name="View">The definition.</param>
/// <param name="Version">Its version: 1 for the first definition of the name, one more for each change.</param>
/// <param name="JoinKeys">The join keys of its entities, in entity order.</param>
public sealed record RegisteredFeatureView(FeatureView View, int Version, IReadOnlyList<Field> JoinKeys)
{
    /// <summary>Gets the view's name.</summary>
    public string Name => View.Name;

    /// <summary>Gets every feature of the view, in its order, ready for a retrieval.</summary>
    public IReadOnlyList<ServiceFeature> AllFeatures => [.. View.Features.Select(f => new ServiceFeature(this, f))];

    /// <summary>Gets the feature of the view with the given name, or null.</summary>
    /// <param name="name">The feature's name.</param>
    public Field? FindFeature(string name) => View.Features.FirstOrDefault(f => f.Name == name);

    /// <inheritdoc/>
    public override string ToString() => $"{Name} v{Version}";
}
