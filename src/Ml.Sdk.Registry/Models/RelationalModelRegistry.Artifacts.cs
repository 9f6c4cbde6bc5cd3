using System.Data.Common;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Ml.Sdk.Registry.Artifacts.Internal;
using Ml.Sdk.Registry.Models.Internal;
using Ml.Sdk.Registry.Naming;

namespace Ml.Sdk.Registry;

// Verified artifact access.
public abstract partial class RelationalModelRegistry
{
    /// <inheritdoc />
    public async Task<Stream> OpenArtifactAsync(string name, int version, string fileName, CancellationToken cancellationToken = default) =>
        (await OpenVerifiedAsync(name, version, fileName, cancellationToken).ConfigureAwait(false)).Stream;

    /// <inheritdoc />
    public async Task<string> GetVerifiedArtifactPathAsync(string name, int version, string fileName, CancellationToken cancellationToken = default)
    {
        (FileStream stream, string path) = await OpenVerifiedAsync(name, version, fileName, cancellationToken).ConfigureAwait(false);
        await stream.DisposeAsync().ConfigureAwait(false);
        return path;
    }

    private async Task<(FileStream Stream, string Path)> OpenVerifiedAsync(string name, int version, string fileName, CancellationToken cancellationToken)
    {
        using Activity? activity = RegistryInstruments.Source.StartActivity("VerifyModelArtifact");
        activity?.SetTag(ModelRegistryTelemetry.ModelNameTag, name);
        activity?.SetTag(ModelRegistryTelemetry.VersionTag, version);
        (ModelArtifact artifact, string path) = await FindArtifactAsync(name, version, fileName, cancellationToken).ConfigureAwait(false);
        (FileStream? stream, StoredBlob actual) = await _store.OpenAndHashAsync(artifact.Sha256, cancellationToken).ConfigureAwait(false);
        if (stream is not null && actual.Length == artifact.Length && string.Equals(actual.Sha256, artifact.Sha256, StringComparison.Ordinal))
        {
            return (stream, path);
        }

        if (stream is not null)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }

        throw Corrupt(name, version, artifact, actual);
    }

    private async Task<(ModelArtifact Artifact, string Path)> FindArtifactAsync(string name, int version, string fileName, CancellationToken cancellationToken)
    {
        NameRules.Validate(name, "model name");
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        NameRules.Validate(fileName, "artifact file name");
        DbConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        using DbCommand select = connection.Command(null,
            """
            SELECT a.sha256, a.length, v.status FROM version_artifacts a
            JOIN model_versions v ON v.model_name = a.model_name AND v.version = a.version
            WHERE a.model_name = @name AND a.version = @version AND a.file_name = @file;
            """)
            .With("@name", name).With("@version", version).With("@file", fileName);
        DbDataReader reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable readerScope = reader.ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new ModelNotFoundException($"Model version {name}/{version} has no artifact '{fileName}' (or the version does not exist).");
        }

        if (reader.GetString(2) != Ready)
        {
            throw new ModelNotFoundException($"Model version {name}/{version} is deleted; its artifacts cannot be opened.");
        }

        var artifact = new ModelArtifact(fileName, reader.GetString(0), reader.GetInt64(1));
        return (artifact, _store.BlobPath(artifact.Sha256));
    }

    private ArtifactIntegrityException Corrupt(string name, int version, ModelArtifact artifact, StoredBlob actual)
    {
        RegistryLog.ArtifactCorrupt(_logger, name, version, artifact.FileName, artifact.Sha256, actual.Sha256);
        RegistryInstruments.IntegrityFailures.Add(1, new KeyValuePair<string, object?>(ModelRegistryTelemetry.ModelNameTag, name));
        Activity.Current?.SetStatus(ActivityStatusCode.Error, "artifact integrity check failed");
        return new ArtifactIntegrityException(name, version, artifact.FileName, artifact.Sha256, actual.Sha256, artifact.Length, actual.Length);
    }
}
