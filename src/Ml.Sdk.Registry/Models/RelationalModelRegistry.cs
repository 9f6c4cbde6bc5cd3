using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Ml.Sdk.Core.Tensors;
using Ml.Sdk.Registry.Artifacts.Internal;
using Ml.Sdk.Registry.Models.Internal;
using Ml.Sdk.Registry.Naming;
using Ml.Sdk.Registry.Storage.Internal;

namespace Ml.Sdk.Registry;

/// <summary>
/// The model registry on a relational database, whatever the engine: the logic and SQL live here once, and each
/// backend (<see cref="SqliteModelRegistry"/>, and <c>PostgreSqlModelRegistry</c> in Ml.Sdk.Registry.PostgreSql) only
/// supplies its storage: how to open connections, take the write lock and read a snapshot. Artifacts are
/// content-addressed blobs under the storage's artifacts folder.
/// </summary>
/// <remarks>Backends derive from it inside Ml.Sdk; apps use <see cref="IModelRegistry"/>.</remarks>
public abstract partial class RelationalModelRegistry : IModelRegistry, IDisposable
{
    private const string Ready = nameof(ModelVersionStatus.Ready);
    private const string Deleted = nameof(ModelVersionStatus.Deleted);

    // The change table is shared with experiment tracking; only model changes are read here.
    private const string ModelChangeKinds = "('ModelCreated', 'VersionCreated', 'AliasSet', 'AliasDeleted', 'VersionDeleted', 'VersionPurged')";

    private readonly RegistryStorage _database;
    private readonly ContentAddressedStore _store;
    private readonly ChangeSignal _signal;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly long _maxArtifactBytes;
    private readonly TimeSpan _pollInterval;

    /// <summary>Creates the registry on <paramref name="storage"/>, which it owns and disposes.</summary>
    private protected RelationalModelRegistry(RegistryStorage storage, RegistryOptions options, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _database = storage;
        _store = new ContentAddressedStore(storage.ArtifactsPath, timeProvider);
        _signal = ChangeSignal.For(storage.SignalKey);
        _timeProvider = timeProvider;
        _logger = logger;
        _maxArtifactBytes = options.MaxArtifactBytes;
        _pollInterval = options.ChangePollInterval;
    }

    /// <inheritdoc />
    public async Task<ModelVersion> RegisterVersionAsync(NewModelVersion newVersion, CancellationToken cancellationToken = default)
    {
        ValidateNewVersion(newVersion);
        foreach (ArtifactSource source in newVersion.Artifacts)
        {
            ValidateKnownLength(source);
        }

        string? signatureJson = newVersion.Signature is null ? null : ModelSignatureJson.Serialize(newVersion.Signature);
        ModelLineage lineage = newVersion.Lineage ?? new ModelLineage();
        IReadOnlyDictionary<string, string> tags = newVersion.Tags is null
            ? new Dictionary<string, string>()
            : new SortedDictionary<string, string>(newVersion.Tags.ToDictionary(), StringComparer.Ordinal);

        using Activity? activity = RegistryInstruments.Source.StartActivity("RegisterModelVersion");
        activity?.SetTag(ModelRegistryTelemetry.ModelNameTag, newVersion.Name);
        DbConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        if (lineage.ParentVersion is int parent && !await ModelRows.VersionExistsAsync(connection, newVersion.Name, parent, cancellationToken).ConfigureAwait(false))
        {
            throw new ModelNotFoundException($"The lineage's parent version {newVersion.Name}/{parent} does not exist.");
        }

        // Blobs first, metadata last: until the transaction below commits, nothing refers to the blobs.
        _store.CleanStaleTempFiles();
        var artifacts = new List<ModelArtifact>(newVersion.Artifacts.Count);
        foreach (ArtifactSource source in newVersion.Artifacts)
        {
            StoredBlob blob = await _store.StoreAsync(source, _maxArtifactBytes, cancellationToken).ConfigureAwait(false);
            artifacts.Add(new ModelArtifact(source.FileName, blob.Sha256, blob.Length));
        }

        int version;
        string nowText;
        DbTransaction transaction = await _database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            // Read under the write lock, so that creation times rise with version numbers across writers.
            nowText = ModelRows.FormatTime(_timeProvider.GetUtcNow());
            foreach (ModelArtifact artifact in artifacts)
            {
                // A purge of the last other version using the same content may have removed the blob after it was
                // stored; purges delete blobs while holding the write lock, so under it the check is reliable.
                if (!_store.Exists(artifact.Sha256))
                {
                    throw new IOException(
                        $"Blob {artifact.Sha256} of artifact '{artifact.FileName}' was removed by a concurrent purge before model '{newVersion.Name}' was registered; retry the registration.");
                }
            }

            using (DbCommand insertModel = connection.Command(transaction, "INSERT INTO registered_models (name, created_at) VALUES (@name, @now) ON CONFLICT (name) DO NOTHING;")
                .With("@name", newVersion.Name).With("@now", nowText))
            {
                if (await insertModel.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
                {
                    await ModelRows.InsertChangeAsync(connection, transaction, RegistryChangeKind.ModelCreated, newVersion.Name, null, null, nowText, cancellationToken).ConfigureAwait(false);
                }
            }

            // Under the write lock no other writer runs between this read-and-increment and the commit.
            using (DbCommand next = connection.Command(transaction, "UPDATE registered_models SET last_version = last_version + 1 WHERE name = @name RETURNING last_version;")
                .With("@name", newVersion.Name))
            {
                version = Convert.ToInt32(await next.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            }

            using (DbCommand insertVersion = connection.Command(transaction,
                """
                INSERT INTO model_versions (model_name, version, format, signature, description, creator, run_id, dataset_fingerprint, parent_version, created_at, status)
                VALUES (@name, @version, @format, @signature, @description, @creator, @runId, @dataset, @parent, @now, 'Ready');
                """)
                .With("@name", newVersion.Name).With("@version", version).With("@format", newVersion.Format.ToString())
                .With("@signature", signatureJson).With("@description", newVersion.Description).With("@creator", newVersion.Creator)
                .With("@runId", lineage.RunId).With("@dataset", lineage.DatasetFingerprint).With("@parent", lineage.ParentVersion).With("@now", nowText))
            {
                await insertVersion.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (ModelArtifact artifact in artifacts)
            {
                using DbCommand insert = connection.Command(transaction,
                    "INSERT INTO version_artifacts (model_name, version, file_name, sha256, length) VALUES (@name, @version, @file, @sha, @length);")
                    .With("@name", newVersion.Name).With("@version", version).With("@file", artifact.FileName)
                    .With("@sha", artifact.Sha256).With("@length", artifact.Length);
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (KeyValuePair<string, string> tag in tags)
            {
                using DbCommand insert = connection.Command(transaction,
                    "INSERT INTO version_tags (model_name, version, key, value) VALUES (@name, @version, @key, @value);")
                    .With("@name", newVersion.Name).With("@version", version).With("@key", tag.Key).With("@value", tag.Value);
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            for (int i = 0; i < lineage.FeatureViews.Count; i++)
            {
                using DbCommand insert = connection.Command(transaction,
                    "INSERT INTO version_feature_views (model_name, version, ordinal, name, view_version) VALUES (@name, @version, @ordinal, @view, @viewVersion);")
                    .With("@name", newVersion.Name).With("@version", version).With("@ordinal", i)
                    .With("@view", lineage.FeatureViews[i].Name).With("@viewVersion", lineage.FeatureViews[i].Version);
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await ModelRows.InsertChangeAsync(connection, transaction, RegistryChangeKind.VersionCreated, newVersion.Name, version, null, nowText, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        _signal.Notify();
        long totalBytes = 0;
        foreach (ModelArtifact artifact in artifacts)
        {
            totalBytes += artifact.Length;
        }

        RegistryLog.VersionRegistered(_logger, newVersion.Name, version, artifacts.Count, totalBytes);
        var modelTag = new KeyValuePair<string, object?>(ModelRegistryTelemetry.ModelNameTag, newVersion.Name);
        RegistryInstruments.VersionsRegistered.Add(1, modelTag);
        RegistryInstruments.ArtifactBytesStored.Add(totalBytes, modelTag);
        activity?.SetTag(ModelRegistryTelemetry.VersionTag, version);
        return new ModelVersion
        {
            Name = newVersion.Name,
            Version = version,
            Format = newVersion.Format,
            Artifacts = artifacts,
            Signature = newVersion.Signature,
            Description = newVersion.Description,
            Tags = tags,
            Lineage = lineage with { FeatureViews = [.. lineage.FeatureViews] },
            Creator = newVersion.Creator,
            CreatedAt = ModelRows.ParseTime(nowText),
            Status = ModelVersionStatus.Ready,
        };
    }

    /// <summary>Releases the storage.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the storage when <paramref name="disposing"/> is <see langword="true"/>.</summary>
    /// <param name="disposing">Whether this is a call from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _database.Dispose();
        }
    }

    private static void ValidateNewVersion(NewModelVersion newVersion)
    {
        ArgumentNullException.ThrowIfNull(newVersion);
        NameRules.Validate(newVersion.Name, "model name", nameof(newVersion));
        if (!Enum.IsDefined(newVersion.Format))
        {
            throw new ArgumentOutOfRangeException(nameof(newVersion), newVersion.Format, "Unknown model format.");
        }

        if (newVersion.Artifacts is null || newVersion.Artifacts.Count == 0)
        {
            throw new ArgumentException($"Model '{newVersion.Name}': a version needs at least one artifact.", nameof(newVersion));
        }

        // Case-insensitive: the names become files, and two names differing only in case collide on Windows and macOS.
        var fileNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (ArtifactSource? source in newVersion.Artifacts)
        {
            if (source is null)
            {
                throw new ArgumentException($"Model '{newVersion.Name}': the artifact list holds null.", nameof(newVersion));
            }

            NameRules.Validate(source.FileName, "artifact file name", nameof(newVersion));
            if (!fileNames.Add(source.FileName))
            {
                throw new ArgumentException($"Model '{newVersion.Name}': artifact file name '{source.FileName}' appears more than once.", nameof(newVersion));
            }

            if (source.FilePath is not null && !File.Exists(source.FilePath))
            {
                throw new FileNotFoundException($"Artifact '{source.FileName}' of model '{newVersion.Name}': the source file does not exist.", source.FilePath);
            }
        }

        if (newVersion.Tags is not null)
        {
            foreach (KeyValuePair<string, string> tag in newVersion.Tags)
            {
                NameRules.Validate(tag.Key, "tag key", nameof(newVersion));
                NameRules.ValidateValue(tag.Value, $"value of tag '{tag.Key}'", nameof(newVersion));
            }
        }

        if (newVersion.Description is not null)
        {
            NameRules.ValidateValue(newVersion.Description, "description", nameof(newVersion));
        }

        if (newVersion.Creator is not null)
        {
            NameRules.ValidateValue(newVersion.Creator, "creator", nameof(newVersion));
        }

        if (newVersion.Lineage is ModelLineage lineage)
        {
            if (lineage.RunId is not null)
            {
                NameRules.ValidateValue(lineage.RunId, "lineage run id", nameof(newVersion));
            }

            if (lineage.DatasetFingerprint is not null)
            {
                NameRules.ValidateValue(lineage.DatasetFingerprint, "lineage dataset fingerprint", nameof(newVersion));
            }

            foreach (FeatureViewReference? view in lineage.FeatureViews ?? throw new ArgumentException("Lineage feature views must not be null.", nameof(newVersion)))
            {
                if (view is null)
                {
                    throw new ArgumentException("The lineage's feature view list holds null.", nameof(newVersion));
                }

                NameRules.Validate(view.Name, "feature view name", nameof(newVersion));
                if (view.Version < 1)
                {
                    throw new ArgumentOutOfRangeException(nameof(newVersion), view.Version, $"Feature view '{view.Name}' version must be 1 or more.");
                }
            }

            if (lineage.ParentVersion is < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(newVersion), lineage.ParentVersion, "The lineage's parent version must be 1 or more.");
            }
        }
    }

    private void ValidateKnownLength(ArtifactSource source)
    {
        if (source.KnownLength > _maxArtifactBytes)
        {
            throw new ArgumentException($"Artifact '{source.FileName}' has {source.KnownLength} bytes, more than the {_maxArtifactBytes} allowed by RegistryOptions.MaxArtifactBytes.", nameof(source));
        }
    }
}
