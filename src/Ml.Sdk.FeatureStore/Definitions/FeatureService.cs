namespace Ml.Sdk.FeatureStore.Definitions;

/// <summary>
/// A named selection of features from one or more views: what a model consumes, and what a model version records in
/// its lineage. Its schema is the projections' features in order.
/// </summary>
public sealed class FeatureService
{
    /// <summary>Creates a feature service.</summary>
    /// <param name="name">The service's name, unique in a catalog.</param>
    /// <param name="projections">The features it takes, view by view, at least one.</param>
    public FeatureService(string name, params IEnumerable<FeatureProjection> projections)
    {
        Name = name;
        Projections = [.. projections ?? []];
    }

    /// <summary>Gets the service's name.</summary>
    public string Name { get; }

    /// <summary>Gets the features it takes, view by view.</summary>
    public IReadOnlyList<FeatureProjection> Projections { get; }

    /// <summary>Gets a description for people.</summary>
    public string? Description { get; init; }
}
