using Ml.Sdk.FeatureStore.Definitions;

namespace Ml.Sdk.FeatureStore.Catalog;

/// <summary>A version of a feature service in a catalog: its features in schema order, each pinned to a view version.</summary>
/// <param name="Service">The definition.</param>
/// <param name="Version">Its version: 1 for the first definition of the name, one more for each change (including a change of a view it reads).</param>
/// <param name="Features">Its features in the order the service returns them.</param>
public sealed record RegisteredFeatureService(FeatureService Service, int Version, IReadOnlyList<ServiceFeature> Features)
{
    /// <summary>Gets the service's name.</summary>
    public string Name => Service.Name;

    /// <summary>Gets the service's lineage reference, <c>name/version</c>, as a model version records it.</summary>
    public string Reference => $"{Name}/{Version}";

    /// <summary>
    /// Gets the stored view versions the service reads, each once, in first-use order: those of its stored features, then
    /// those its on-demand features read.
    /// </summary>
    public IReadOnlyList<RegisteredFeatureView> Views => [.. StoredViewsOf(Features)];

    /// <summary>Gets the on-demand view versions the service computes features with, each once, in first-use order.</summary>
    public IReadOnlyList<RegisteredOnDemandFeatureView> OnDemandViews =>
        [.. Features.Where(f => f.IsOnDemand).Select(f => f.OnDemandView!).Distinct()];

    /// <summary>Gets whether some feature is computed on demand.</summary>
    public bool HasOnDemandFeatures => Features.Any(f => f.IsOnDemand);

    /// <inheritdoc/>
    public override string ToString() => Reference;

    internal static IEnumerable<RegisteredFeatureView> StoredViewsOf(IEnumerable<ServiceFeature> features) =>
        features.Where(f => !f.IsOnDemand).Select(f => f.View)
            .Concat(features.Where(f => f.IsOnDemand).SelectMany(f => f.OnDemandView!.Sources).Select(s => s.View))
            .Distinct();
}
