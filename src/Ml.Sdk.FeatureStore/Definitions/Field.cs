namespace Ml.Sdk.FeatureStore.Definitions;

/// <summary>A named, typed column: a join key of an entity or a feature of a view.</summary>
/// <param name="Name">The column's name: a letter or underscore, then letters, digits or underscores.</param>
/// <param name="Type">The type of its values.</param>
public sealed record Field(string Name, FeatureValueType Type)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {Type}";
}
