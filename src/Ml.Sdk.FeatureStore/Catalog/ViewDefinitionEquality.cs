using Ml.Sdk.FeatureStore.Definitions;

namespace Ml.Sdk.FeatureStore.Catalog;

/// <summary>Whether two definitions of a view with the same name are the same version.</summary>
internal static class ViewDefinitionEquality
{
    /// <summary>
    /// True when every part of the definitions agrees: entities, features and their types in order, source, TTL (null and
    /// zero both unbounded), owner and tags. Any difference is a new version, so no version ever changes after it is made.
    /// </summary>
    public static bool Same(FeatureView a, FeatureView b) =>
        a.Entities.SequenceEqual(b.Entities, StringComparer.Ordinal)
        && a.Features.SequenceEqual(b.Features)
        && a.Source == b.Source
        && (a.HasTtl ? a.Ttl : null) == (b.HasTtl ? b.Ttl : null)
        && a.Owner == b.Owner
        && a.Tags.Count == b.Tags.Count
        && a.Tags.All(tag => b.Tags.TryGetValue(tag.Key, out string? value) && value == tag.Value);
}
