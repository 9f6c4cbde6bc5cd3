namespace Ml.Sdk.Registry;

/// <summary>A registered model: a name under which versions are registered, with its tags and aliases.</summary>
public sealed record RegisteredModel
{
    /// <summary>Gets the model's name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets when the first version was registered (which created the model).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets the model's description (what it predicts, for whom), if one was set.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the model's tags.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the model's aliases and the versions they point at.</summary>
    public IReadOnlyDictionary<string, int> Aliases { get; init; } = new Dictionary<string, int>();

    /// <summary>Gets the highest version number ever registered (deleted and purged ones included); 0 when none.</summary>
    public int LatestVersion { get; init; }

    /// <summary>Gets the highest <see cref="ModelVersionStatus.Ready"/> version, which <c>name</c> and <c>name@latest</c> resolve to.</summary>
    public int? LatestReadyVersion { get; init; }
}
