namespace Ml.Sdk.Serving.Internal;

/// <summary>Where a served model's versions come from: files, or the registry through a policy.</summary>
internal abstract class VersionSource
{
    /// <summary>Resolves the policy, and the given aliases (used by routing), to version numbers.</summary>
    public abstract Task<DesiredVersions> ResolveAsync(IReadOnlyCollection<string> aliases, CancellationToken cancellationToken);

    /// <summary>Gets a local path to a version's ONNX file (verified against its digest, for the registry).</summary>
    public abstract Task<string> GetPathAsync(int version, CancellationToken cancellationToken);

    /// <summary>Adds a version on demand (a file path for file sources; registry sources ignore the path).</summary>
    public abstract void AddOnDemand(int version, string? path);

    /// <summary>Whether this source follows changes in the registry for <paramref name="registeredName"/>.</summary>
    public virtual bool Follows(string registeredName) => false;
}
