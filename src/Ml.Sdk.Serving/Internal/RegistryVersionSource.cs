using Ml.Sdk.Registry;

namespace Ml.Sdk.Serving.Internal;

/// <summary>Versions from the model registry, chosen by a <see cref="VersionPolicy"/>.</summary>
internal sealed class RegistryVersionSource(IModelRegistry registry, string registeredName, VersionPolicy policy) : VersionSource
{
    public override async Task<DesiredVersions> ResolveAsync(IReadOnlyCollection<string> aliases, CancellationToken cancellationToken)
    {
        var resolved = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string alias in aliases)
        {
            // A routing alias that does not exist (yet) leaves its route out; the policy's versions still serve.
            try
            {
                ModelVersion target = await registry.ResolveAsync(ModelReference.ForAlias(registeredName, alias), cancellationToken).ConfigureAwait(false);
                resolved[alias] = target.Version;
            }
            catch (ModelNotFoundException)
            {
            }
        }

        switch (policy.Kind)
        {
            case VersionPolicyKind.Alias:
            {
                ModelVersion version = await registry.ResolveAsync(ModelReference.ForAlias(registeredName, policy.AliasName!), cancellationToken).ConfigureAwait(false);
                return new DesiredVersions(version.Version, [version.Version], resolved);
            }

            case VersionPolicyKind.Latest:
            {
                List<int> ready = await ReadyVersionsAsync(cancellationToken).ConfigureAwait(false);
                if (ready.Count == 0)
                {
                    throw new ModelNotFoundException($"Registered model '{registeredName}' has no ready version.");
                }

                int[] latest = [.. ready.OrderDescending().Take(policy.Count)];
                return new DesiredVersions(latest[0], latest, resolved);
            }

            default:
                foreach (int version in policy.Versions)
                {
                    _ = await registry.GetVersionAsync(registeredName, version, cancellationToken).ConfigureAwait(false)
                        ?? throw new ModelNotFoundException($"Registered model '{registeredName}' has no version {version}.");
                }

                return new DesiredVersions(policy.Versions[^1], policy.Versions, resolved);
        }
    }

    public override async Task<string> GetPathAsync(int version, CancellationToken cancellationToken)
    {
        ModelVersion details = await registry.GetVersionAsync(registeredName, version, cancellationToken).ConfigureAwait(false)
            ?? throw new ModelNotFoundException($"Registered model '{registeredName}' has no version {version}.");
        if (details.Format != ModelFormat.Onnx)
        {
            throw new NotSupportedException($"'{registeredName}/{version}' is a {details.Format} model; Serving runs ONNX models.");
        }

        ModelArtifact artifact = details.Artifacts.FirstOrDefault(static a => a.FileName.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"'{registeredName}/{version}' has no .onnx artifact (it has {string.Join(", ", details.Artifacts.Select(static a => a.FileName))}).");
        return await registry.GetVerifiedArtifactPathAsync(registeredName, version, artifact.FileName, cancellationToken).ConfigureAwait(false);
    }

    public override void AddOnDemand(int version, string? path)
    {
        if (path is not null)
        {
            throw new ArgumentException($"Model versions of '{registeredName}' come from the registry; do not pass a file path.", nameof(path));
        }
    }

    public override bool Follows(string name) => string.Equals(name, registeredName, StringComparison.Ordinal);

    private async Task<List<int>> ReadyVersionsAsync(CancellationToken cancellationToken)
    {
        var versions = new List<int>();
        string? token = null;
        do
        {
            RegistryPage<ModelVersion> page = await registry.SearchVersionsAsync(
                new VersionQuery { Name = registeredName, Status = ModelVersionStatus.Ready, PageSize = ModelQuery.MaxPageSize, PageToken = token },
                cancellationToken).ConfigureAwait(false);
            versions.AddRange(page.Items.Select(static v => v.Version));
            token = page.NextPageToken;
        }
        while (token is not null);

        return versions;
    }
}
