using Ml.Sdk.Core.Tensors;

namespace Ml.Sdk.Registry;

/// <summary>What to register as the next version of a model.</summary>
public sealed record NewModelVersion
{
    /// <summary>Gets the registered model's name (per <see cref="Naming.NameRules"/>); the model is created on first use.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the artifacts' format.</summary>
    public required ModelFormat Format { get; init; }

    /// <summary>Gets the files to store: at least one, with distinct file names.</summary>
    public required IReadOnlyList<ArtifactSource> Artifacts { get; init; }

    /// <summary>Gets the model's input/output signature, if known.</summary>
    public ModelSignature? Signature { get; init; }

    /// <summary>Gets a free-text description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the version's tags: keys per <see cref="Naming.NameRules"/>, values per <see cref="Naming.NameRules.ValidateValue"/>.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>Gets where the version came from.</summary>
    public ModelLineage? Lineage { get; init; }

    /// <summary>Gets who registers the version.</summary>
    public string? Creator { get; init; }
}
