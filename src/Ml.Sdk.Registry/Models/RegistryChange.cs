namespace Ml.Sdk.Registry;

/// <summary>One change to the registry, in the order changes were committed.</summary>
/// <param name="Sequence">The change's position in the registry's monotonic change sequence (1, 2, ...; may have gaps).</param>
/// <param name="Kind">What changed.</param>
/// <param name="ModelName">The registered model concerned.</param>
/// <param name="Version">The version concerned, or <see langword="null"/> for <see cref="RegistryChangeKind.ModelCreated"/>.</param>
/// <param name="Alias">The alias concerned, for alias changes.</param>
/// <param name="OccurredAt">When the change was committed, from the registry's <see cref="TimeProvider"/>.</param>
public sealed record RegistryChange(long Sequence, RegistryChangeKind Kind, string ModelName, int? Version, string? Alias, DateTimeOffset OccurredAt);
