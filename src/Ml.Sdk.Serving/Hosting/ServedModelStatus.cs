namespace Ml.Sdk.Serving;

/// <summary>A served model as the server sees it: whether it is ready and the state of each version.</summary>
public sealed record ServedModelStatus
{
    /// <summary>Gets the model's name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets whether a warmed-up version is taking traffic.</summary>
    public required bool IsReady { get; init; }

    /// <summary>Gets the version that answers by default, once one is ready.</summary>
    public int? DefaultVersion { get; init; }

    /// <summary>Gets the versions: ready, loading and failed.</summary>
    public required IReadOnlyList<ServedVersionStatus> Versions { get; init; }

    /// <summary>Gets the last load or refresh error, if the latest attempt failed.</summary>
    public string? LastError { get; init; }
}
