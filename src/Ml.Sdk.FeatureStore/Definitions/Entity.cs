namespace Ml.Sdk.FeatureStore.Definitions;

/// <summary>
/// What features describe (a customer, a merchant), identified by one or more typed join keys; feature views name the
/// entities whose keys their rows carry.
/// </summary>
public sealed class Entity
{
    /// <summary>Creates an entity.</summary>
    /// <param name="name">The entity's name, unique in a catalog.</param>
    /// <param name="joinKeys">Its join keys, at least one; entity rows and feature rows carry a value for each.</param>
    public Entity(string name, params IEnumerable<Field> joinKeys)
    {
        Name = name;
        JoinKeys = [.. joinKeys ?? []];
    }

    /// <summary>Gets the entity's name.</summary>
    public string Name { get; }

    /// <summary>Gets its join keys.</summary>
    public IReadOnlyList<Field> JoinKeys { get; }

    /// <summary>Gets or sets a description for people.</summary>
    public string? Description { get; init; }
}
