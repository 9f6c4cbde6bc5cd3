namespace Ml.Sdk.FeatureStore.Definitions;

/// <summary>The features a feature service takes from one view.</summary>
/// <param name="View">The view's name.</param>
/// <param name="Features">The features' names, in the order the service returns them; empty takes every feature of the view in its order.</param>
public sealed record FeatureProjection(string View, IReadOnlyList<string> Features)
{
    /// <summary>Takes the named features of a view, or every feature when none is named.</summary>
    /// <param name="view">The view's name.</param>
    /// <param name="features">The features' names.</param>
    public FeatureProjection(string view, params string[] features)
        : this(view, (IReadOnlyList<string>)features)
    {
    }
}
