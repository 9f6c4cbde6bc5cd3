using Ml.Sdk.Core.Tensors;

namespace Ml.Sdk.Registry;

/// <summary>An immutable, numbered version of a registered model, as stored (only <see cref="Status"/> and <see cref="Aliases"/> change).</summary>
public sealed record ModelVersion
{
    /// <summary>Gets the registered model's name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the version number: 1 for the first registration, then 2, 3, ... without gaps.</summary>
    public required int Version { get; init; }

    /// <summary>Gets the artifacts' format.</summary>
    public required ModelFormat Format { get; init; }

    /// <summary>Gets the stored files, in registration order.</summary>
    public required IReadOnlyList<ModelArtifact> Artifacts { get; init; }

    /// <summary>Gets the model's input/output signature, if one was registered.</summary>
    public ModelSignature? Signature { get; init; }

    /// <summary>Gets the free-text description, if any.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the version's tags.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the version's lineage.</summary>
    public ModelLineage Lineage { get; init; } = new();

    /// <summary>Gets who registered the version, if given.</summary>
    public string? Creator { get; init; }

    /// <summary>Gets when the version was registered.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets the version's status.</summary>
    public required ModelVersionStatus Status { get; init; }

    /// <summary>Gets the aliases that point at this version, sorted by name.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Gets the reference <c>name/version</c> that resolves to exactly this version.</summary>
    public ModelReference Reference => ModelReference.ForVersion(Name, Version);
}
