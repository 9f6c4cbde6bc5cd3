namespace Ml.Sdk.FeatureStore.Definitions;

/// <summary>
/// A group of features about the same entities, from one source, with one time-to-live: the unit of storage,
/// point-in-time retrieval and materialization.
/// </summary>
/// <remarks>
/// Registering a view whose definition differs from the catalog's latest version of that name makes a new version;
/// training sets and feature services already built against the old version keep reading it.
/// </remarks>
public sealed class FeatureView
{
    /// <summary>Creates a feature view.</summary>
    /// <param name="name">The view's name, unique in a catalog.</param>
    /// <param name="entities">The names of the entities whose join keys its rows carry, at least one.</param>
    /// <param name="features">Its features, at least one, with names distinct from each other and from the join keys.</param>
    /// <param name="source">Where its rows come from.</param>
    public FeatureView(string name, IEnumerable<string> entities, IEnumerable<Field> features, FeatureSource source)
    {
        Name = name;
        Entities = [.. entities ?? []];
        Features = [.. features ?? []];
        Source = source;
    }

    /// <summary>Gets the view's name.</summary>
    public string Name { get; }

    /// <summary>Gets the names of its entities.</summary>
    public IReadOnlyList<string> Entities { get; }

    /// <summary>Gets its features.</summary>
    public IReadOnlyList<Field> Features { get; }

    /// <summary>Gets where its rows come from.</summary>
    public FeatureSource Source { get; }

    /// <summary>
    /// Gets how long a row's values stay valid after its event timestamp: a retrieval at time t reads rows with event
    /// timestamps in [t - ttl, t]. Null or zero means unbounded (as in Feast); negative is invalid.
    /// </summary>
    public TimeSpan? Ttl { get; init; }

    /// <summary>Gets who owns the view.</summary>
    public string? Owner { get; init; }

    /// <summary>Gets free-form tags.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets whether the view has a finite time-to-live.</summary>
    public bool HasTtl => Ttl is { } ttl && ttl > TimeSpan.Zero;
}
