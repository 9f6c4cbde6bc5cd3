namespace Ml.Sdk.Registry;

/// <summary>A version of a feature view that a model version was trained on.</summary>
/// <param name="Name">The feature view's name (per <see cref="Naming.NameRules"/>).</param>
/// <param name="Version">The feature view's version, 1 or more.</param>
public sealed record FeatureViewReference(string Name, int Version);
