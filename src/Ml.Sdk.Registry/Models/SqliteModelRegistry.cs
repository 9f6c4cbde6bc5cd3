using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ml.Sdk.Core.Tensors;
using Ml.Sdk.Registry.Artifacts.Internal;
using Ml.Sdk.Registry.Models.Internal;
using Ml.Sdk.Registry.Naming;
using Ml.Sdk.Registry.Storage.Internal;

namespace Ml.Sdk.Registry;

/// <summary>
/// The embedded <see cref="IModelRegistry"/>: metadata in the SQLite database under <see cref="RegistryOptions.RootPath"/>,
/// artifacts as content-addressed blobs beside it. Safe to share as a singleton, and for several processes to share the root.
/// </summary>
public sealed class SqliteModelRegistry : IModelRegistry, IDisposable
{
    private const string Ready = nameof(ModelVersionStatus.Ready);
    private const string Deleted = nameof(ModelVersionStatus.Deleted);

    // The change table is shared with experiment tracking; only model changes are read here.
    private const string ModelChangeKinds = "('ModelCreated', 'VersionCreated', 'AliasSet', 'AliasDeleted', 'VersionDeleted', 'VersionPurged')";

    private readonly RegistryDatabase _database;
    private readonly ContentAddressedStore _store;
    private readonly ChangeSignal _signal;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly long _maxArtifactBytes;
    private readonly TimeSpan _pollInterval;

    /// <summary>Creates the registry; the database and folders are created on first use.</summary>
    /// <param name="options">The registry options.</param>
    /// <param name="timeProvider">The clock for timestamps and change polling.</param>
    /// <param name="logger">The logger.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><see cref="RegistryOptions.RootPath"/> is empty.</exception>
    public SqliteModelRegistry(IOptions<RegistryOptions> options, TimeProvider timeProvider, ILogger<SqliteModelRegistry> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        RegistryOptions value = options.Value;
        _database = new RegistryDatabase(value.RootPath, value.BusyTimeout);
        _store = new ContentAddressedStore(_database.ArtifactsPath, timeProvider);
        _signal = ChangeSignal.For(_database.DatabasePath);
        _timeProvider = timeProvider;
        _logger = logger;
        _maxArtifactBytes = value.MaxArtifactBytes;
        _pollInterval = value.ChangePollInterval;
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
        SqliteConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
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
        SqliteTransaction transaction = RegistryDatabase.BeginWrite(connection);
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

            using (SqliteCommand insertModel = connection.Command(transaction, "INSERT OR IGNORE INTO registered_models (name, created_at) VALUES ($name, $now);")
                .With("$name", newVersion.Name).With("$now", nowText))
            {
                if (await insertModel.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
                {
                    await ModelRows.InsertChangeAsync(connection, transaction, RegistryChangeKind.ModelCreated, newVersion.Name, null, null, nowText, cancellationToken).ConfigureAwait(false);
                }
            }

            // Under BEGIN IMMEDIATE no other writer runs between this read-and-increment and the commit.
            using (SqliteCommand next = connection.Command(transaction, "UPDATE registered_models SET last_version = last_version + 1 WHERE name = $name RETURNING last_version;")
                .With("$name", newVersion.Name))
            {
                version = Convert.ToInt32(await next.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            }

            using (SqliteCommand insertVersion = connection.Command(transaction,
                """
                INSERT INTO model_versions (model_name, version, format, signature, description, creator, run_id, dataset_fingerprint, parent_version, created_at, status)
                VALUES ($name, $version, $format, $signature, $description, $creator, $runId, $dataset, $parent, $now, 'Ready');
                """)
                .With("$name", newVersion.Name).With("$version", version).With("$format", newVersion.Format.ToString())
                .With("$signature", signatureJson).With("$description", newVersion.Description).With("$creator", newVersion.Creator)
                .With("$runId", lineage.RunId).With("$dataset", lineage.DatasetFingerprint).With("$parent", lineage.ParentVersion).With("$now", nowText))
            {
                await insertVersion.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (ModelArtifact artifact in artifacts)
            {
                using SqliteCommand insert = connection.Command(transaction,
                    "INSERT INTO version_artifacts (model_name, version, file_name, sha256, length) VALUES ($name, $version, $file, $sha, $length);")
                    .With("$name", newVersion.Name).With("$version", version).With("$file", artifact.FileName)
                    .With("$sha", artifact.Sha256).With("$length", artifact.Length);
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (KeyValuePair<string, string> tag in tags)
            {
                using SqliteCommand insert = connection.Command(transaction,
                    "INSERT INTO version_tags (model_name, version, key, value) VALUES ($name, $version, $key, $value);")
                    .With("$name", newVersion.Name).With("$version", version).With("$key", tag.Key).With("$value", tag.Value);
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            for (int i = 0; i < lineage.FeatureViews.Count; i++)
            {
                using SqliteCommand insert = connection.Command(transaction,
                    "INSERT INTO version_feature_views (model_name, version, ordinal, name, view_version) VALUES ($name, $version, $ordinal, $view, $viewVersion);")
                    .With("$name", newVersion.Name).With("$version", version).With("$ordinal", i)
                    .With("$view", lineage.FeatureViews[i].Name).With("$viewVersion", lineage.FeatureViews[i].Version);
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

    /// <inheritdoc />
    public async Task<RegisteredModel?> GetModelAsync(string name, CancellationToken cancellationToken = default)
    {
        NameRules.Validate(name, "model name");
        SqliteConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        SqliteTransaction snapshot = connection.BeginTransaction(deferred: true);
        await using ConfiguredAsyncDisposable snapshotScope = snapshot.ConfigureAwait(false);
        return await ModelRows.LoadModelAsync(connection, snapshot, name, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<RegistryPage<RegisteredModel>> ListModelsAsync(ModelQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new ModelQuery();
        ValidatePaging(query.PageSize);
        ValidateTagFilter(query.TagKey, query.TagValue);
        if (query.NamePrefix is not null)
        {
            NameRules.ValidateValue(query.NamePrefix, "model name prefix");
        }

        string? after = query.PageToken is null ? null : PageToken.Decode(query.PageToken).ModelName;
        SqliteConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        SqliteTransaction snapshot = connection.BeginTransaction(deferred: true);
        await using ConfiguredAsyncDisposable snapshotScope = snapshot.ConfigureAwait(false);
        var names = new List<string>();
        using (SqliteCommand select = connection.Command(snapshot,
            """
            SELECT name FROM registered_models m
            WHERE ($prefix IS NULL OR substr(m.name, 1, length($prefix)) = $prefix)
              AND ($after IS NULL OR m.name > $after)
              AND ($key IS NULL OR EXISTS (SELECT 1 FROM model_tags t WHERE t.model_name = m.name AND t.key = $key AND ($value IS NULL OR t.value = $value)))
            ORDER BY m.name
            LIMIT $limit;
            """)
            .With("$prefix", query.NamePrefix).With("$after", after).With("$key", query.TagKey).With("$value", query.TagValue)
            .With("$limit", query.PageSize + 1))
        {
            SqliteDataReader reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using ConfiguredAsyncDisposable readerScope = reader.ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                names.Add(reader.GetString(0));
            }
        }

        // One row past the page says whether another page exists without a COUNT.
        bool more = names.Count > query.PageSize;
        var models = new List<RegisteredModel>(Math.Min(names.Count, query.PageSize));
        foreach (string name in names.Take(query.PageSize))
        {
            models.Add((await ModelRows.LoadModelAsync(connection, snapshot, name, cancellationToken).ConfigureAwait(false))!);
        }

        return new RegistryPage<RegisteredModel>(models, more ? PageToken.Encode(models[^1].Name) : null);
    }

    /// <inheritdoc />
    public async Task<ModelVersion?> GetVersionAsync(string name, int version, CancellationToken cancellationToken = default)
    {
        NameRules.Validate(name, "model name");
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        SqliteConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        SqliteTransaction snapshot = connection.BeginTransaction(deferred: true);
        await using ConfiguredAsyncDisposable snapshotScope = snapshot.ConfigureAwait(false);
        return await ModelRows.LoadVersionAsync(connection, snapshot, name, version, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<ModelVersion> ResolveAsync(string reference, CancellationToken cancellationToken = default) =>
        ResolveAsync(ModelReference.Parse(reference), cancellationToken);

    /// <inheritdoc />
    public async Task<ModelVersion> ResolveAsync(ModelReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        SqliteConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        SqliteTransaction snapshot = connection.BeginTransaction(deferred: true);
        await using ConfiguredAsyncDisposable snapshotScope = snapshot.ConfigureAwait(false);
        int? version = reference.Version;
        if (reference.Alias is not null)
        {
            using SqliteCommand select = connection.Command(snapshot, "SELECT version FROM model_aliases WHERE model_name = $name AND alias = $alias;")
                .With("$name", reference.Name).With("$alias", reference.Alias);
            version = ModelRows.ToNullableInt(await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
        }
        else if (reference.IsLatest)
        {
            using SqliteCommand select = connection.Command(snapshot, "SELECT MAX(version) FROM model_versions WHERE model_name = $name AND status = 'Ready';")
                .With("$name", reference.Name);
            version = ModelRows.ToNullableInt(await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
        }

        ModelVersion? found = version is int v ? await ModelRows.LoadVersionAsync(connection, snapshot, reference.Name, v, cancellationToken).ConfigureAwait(false) : null;
        if (found is null || found.Status != ModelVersionStatus.Ready)
        {
            await ThrowNotFoundAsync(connection, snapshot, reference, found, cancellationToken).ConfigureAwait(false);
        }

        return found!;
    }

    /// <inheritdoc />
    public async Task<RegistryPage<ModelVersion>> SearchVersionsAsync(VersionQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new VersionQuery();
        ValidatePaging(query.PageSize);
        ValidateTagFilter(query.TagKey, query.TagValue);
        if (query.Name is not null)
        {
            NameRules.Validate(query.Name, "model name");
        }

        if (query.Alias is not null)
        {
            NameRules.Validate(query.Alias, "alias");
        }

        if (query.Status is ModelVersionStatus status && !Enum.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(nameof(query), status, "Unknown version status.");
        }

        (string Name, int Version)? after = query.PageToken is null ? null : PageToken.Decode(query.PageToken);
        SqliteConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        SqliteTransaction snapshot = connection.BeginTransaction(deferred: true);
        await using ConfiguredAsyncDisposable snapshotScope = snapshot.ConfigureAwait(false);
        var keys = new List<(string Name, int Version)>();
        using (SqliteCommand select = connection.Command(snapshot,
            """
            SELECT v.model_name, v.version FROM model_versions v
            WHERE ($name IS NULL OR v.model_name = $name)
              AND ($status IS NULL OR v.status = $status)
              AND ($alias IS NULL OR EXISTS (SELECT 1 FROM model_aliases a WHERE a.model_name = v.model_name AND a.version = v.version AND a.alias = $alias))
              AND ($key IS NULL OR EXISTS (SELECT 1 FROM version_tags t
                   WHERE t.model_name = v.model_name AND t.version = v.version AND t.key = $key AND ($value IS NULL OR t.value = $value)))
              AND ($afterName IS NULL OR v.model_name > $afterName OR (v.model_name = $afterName AND v.version > $afterVersion))
            ORDER BY v.model_name, v.version
            LIMIT $limit;
            """)
            .With("$name", query.Name).With("$status", query.Status?.ToString()).With("$alias", query.Alias)
            .With("$key", query.TagKey).With("$value", query.TagValue)
            .With("$afterName", after?.Name).With("$afterVersion", after?.Version ?? 0).With("$limit", query.PageSize + 1))
        {
            SqliteDataReader reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using ConfiguredAsyncDisposable readerScope = reader.ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                keys.Add((reader.GetString(0), reader.GetInt32(1)));
            }
        }

        bool more = keys.Count > query.PageSize;
        var versions = new List<ModelVersion>(Math.Min(keys.Count, query.PageSize));
        foreach ((string name, int version) in keys.Take(query.PageSize))
        {
            versions.Add((await ModelRows.LoadVersionAsync(connection, snapshot, name, version, cancellationToken).ConfigureAwait(false))!);
        }

        return new RegistryPage<ModelVersion>(versions, more ? PageToken.Encode(versions[^1].Name, versions[^1].Version) : null);
    }

    /// <inheritdoc />
    public async Task<int?> SetAliasAsync(string name, string aliasName, int version, CancellationToken cancellationToken = default)
    {
        NameRules.Validate(name, "model name");
        ModelReference.ValidateAlias(aliasName);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        SqliteConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        SqliteTransaction transaction = RegistryDatabase.BeginWrite(connection);
        await using ConfiguredAsyncDisposable transactionScope = transaction.ConfigureAwait(false);
        string? status = await ModelRows.GetStatusAsync(connection, transaction, name, version, cancellationToken).ConfigureAwait(false);
        if (status != Ready)
        {
            throw new ModelNotFoundException(status is null
                ? $"Cannot point alias '{aliasName}' at {name}/{version}: the version does not exist."
                : $"Cannot point alias '{aliasName}' at {name}/{version}: the version is deleted.");
        }

        int? previous;
        using (SqliteCommand select = connection.Command(transaction, "SELECT version FROM model_aliases WHERE model_name = $name AND alias = $alias;")
            .With("$name", name).With("$alias", aliasName))
        {
            previous = ModelRows.ToNullableInt(await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
        }

        if (previous == version)
        {
            return previous;
        }

        using (SqliteCommand upsert = connection.Command(transaction,
            "INSERT INTO model_aliases (model_name, alias, version) VALUES ($name, $alias, $version) ON CONFLICT (model_name, alias) DO UPDATE SET version = excluded.version;")
            .With("$name", name).With("$alias", aliasName).With("$version", version))
        {
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await ModelRows.InsertChangeAsync(connection, transaction, RegistryChangeKind.AliasSet, name, version, aliasName, ModelRows.FormatTime(_timeProvider.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _signal.Notify();
        if (previous is int moved)
        {
            RegistryLog.AliasMoved(_logger, name, aliasName, moved, version);
        }
        else
        {
            RegistryLog.AliasCreated(_logger, name, aliasName, version);
        }
        return previous;
    }

    /// <inheritdoc />
    public async Task DeleteAliasAsync(string name, string aliasName, CancellationToken cancellationToken = default)
    {
        NameRules.Validate(name, "model name");
        ModelReference.ValidateAlias(aliasName);
        SqliteConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        SqliteTransaction transaction = RegistryDatabase.BeginWrite(connection);
        await using ConfiguredAsyncDisposable transactionScope = transaction.ConfigureAwait(false);
        int version;
        using (SqliteCommand delete = connection.Command(transaction, "DELETE FROM model_aliases WHERE model_name = $name AND alias = $alias RETURNING version;")
            .With("$name", name).With("$alias", aliasName))
        {
            version = ModelRows.ToNullableInt(await delete.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))
                ?? throw new ModelNotFoundException($"Model '{name}' has no alias '{aliasName}'.");
        }

        await ModelRows.InsertChangeAsync(connection, transaction, RegistryChangeKind.AliasDeleted, name, version, aliasName, ModelRows.FormatTime(_timeProvider.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _signal.Notify();
        RegistryLog.AliasDeleted(_logger, name, aliasName, version);
    }

    /// <inheritdoc />
    public async Task SetModelTagAsync(string name, string key, string value, CancellationToken cancellationToken = default)
    {
        NameRules.Validate(name, "model name");
        NameRules.Validate(key, "tag key");
        NameRules.ValidateValue(value, "tag value");
        SqliteConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        SqliteTransaction transaction = RegistryDatabase.BeginWrite(connection);
        await using ConfiguredAsyncDisposable transactionScope = transaction.ConfigureAwait(false);
        using (SqliteCommand upsert = connection.Command(transaction,
            """
            INSERT INTO model_tags (model_name, key, value) SELECT name, $key, $value FROM registered_models WHERE name = $name
            ON CONFLICT (model_name, key) DO UPDATE SET value = excluded.value;
            """)
            .With("$name", name).With("$key", key).With("$value", value))
        {
            if (await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new ModelNotFoundException($"Model '{name}' does not exist.");
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SetVersionTagAsync(string name, int version, string key, string value, CancellationToken cancellationToken = default)
    {
        NameRules.Validate(name, "model name");
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        NameRules.Validate(key, "tag key");
        NameRules.ValidateValue(value, "tag value");
        SqliteConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        SqliteTransaction transaction = RegistryDatabase.BeginWrite(connection);
        await using ConfiguredAsyncDisposable transactionScope = transaction.ConfigureAwait(false);
        using (SqliteCommand upsert = connection.Command(transaction,
            """
            INSERT INTO version_tags (model_name, version, key, value)
            SELECT model_name, version, $key, $value FROM model_versions WHERE model_name = $name AND version = $version
            ON CONFLICT (model_name, version, key) DO UPDATE SET value = excluded.value;
            """)
            .With("$name", name).With("$version", version).With("$key", key).With("$value", value))
        {
            if (await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new ModelNotFoundException($"Model version {name}/{version} does not exist.");
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DeleteVersionAsync(string name, int version, CancellationToken cancellationToken = default)
    {
        NameRules.Validate(name, "model name");
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        SqliteConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        SqliteTransaction transaction = RegistryDatabase.BeginWrite(connection);
        await using ConfiguredAsyncDisposable transactionScope = transaction.ConfigureAwait(false);
        string? status = await ModelRows.GetStatusAsync(connection, transaction, name, version, cancellationToken).ConfigureAwait(false)
            ?? throw new ModelNotFoundException($"Model version {name}/{version} does not exist.");
        if (status == Deleted)
        {
            return;
        }

        List<string> aliases = await ModelRows.GetAliasesAsync(connection, transaction, name, version, cancellationToken).ConfigureAwait(false);
        if (aliases.Count > 0)
        {
            throw new InvalidOperationException(
                $"Cannot delete {name}/{version}: alias(es) {string.Join(", ", aliases.Select(a => "'" + a + "'"))} point at it. Move or delete them first.");
        }

        using (SqliteCommand update = connection.Command(transaction, "UPDATE model_versions SET status = 'Deleted' WHERE model_name = $name AND version = $version;")
            .With("$name", name).With("$version", version))
        {
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await ModelRows.InsertChangeAsync(connection, transaction, RegistryChangeKind.VersionDeleted, name, version, null, ModelRows.FormatTime(_timeProvider.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _signal.Notify();
        RegistryLog.VersionDeleted(_logger, name, version);
    }

    /// <inheritdoc />
    public async Task PurgeAsync(string name, int version, CancellationToken cancellationToken = default)
    {
        NameRules.Validate(name, "model name");
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        SqliteConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        SqliteTransaction transaction = RegistryDatabase.BeginWrite(connection);
        await using ConfiguredAsyncDisposable transactionScope = transaction.ConfigureAwait(false);
        string? status = await ModelRows.GetStatusAsync(connection, transaction, name, version, cancellationToken).ConfigureAwait(false)
            ?? throw new ModelNotFoundException($"Model version {name}/{version} does not exist.");
        if (status != Deleted)
        {
            throw new InvalidOperationException($"Cannot purge {name}/{version}: only deleted versions can be purged; delete it first.");
        }

        var unused = new List<string>();
        using (SqliteCommand delete = connection.Command(transaction,
            """
            DELETE FROM version_tags WHERE model_name = $name AND version = $version;
            DELETE FROM version_feature_views WHERE model_name = $name AND version = $version;
            DELETE FROM version_artifacts WHERE model_name = $name AND version = $version RETURNING sha256;
            """)
            .With("$name", name).With("$version", version))
        {
            var shas = new HashSet<string>(StringComparer.Ordinal);
            SqliteDataReader reader = await delete.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                do
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        shas.Add(reader.GetString(0));
                    }
                }
                while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));
            }

            foreach (string sha in shas)
            {
                using SqliteCommand used = connection.Command(transaction, "SELECT EXISTS (SELECT 1 FROM version_artifacts WHERE sha256 = $sha);").With("$sha", sha);
                if (Convert.ToInt64(await used.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) == 0)
                {
                    unused.Add(sha);
                }
            }
        }

        using (SqliteCommand delete = connection.Command(transaction, "DELETE FROM model_versions WHERE model_name = $name AND version = $version;")
            .With("$name", name).With("$version", version))
        {
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await ModelRows.InsertChangeAsync(connection, transaction, RegistryChangeKind.VersionPurged, name, version, null, ModelRows.FormatTime(_timeProvider.GetUtcNow()), cancellationToken).ConfigureAwait(false);

        // Blobs go while this transaction holds the write lock, so a registration reusing the same content either
        // committed before (and the blob is still used) or checks for the blob after, under the lock. Should the
        // commit then fail, the version stays deleted with a blob missing, and purging it again finishes the job.
        foreach (string sha in unused)
        {
            _store.Delete(sha);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _signal.Notify();
        RegistryLog.VersionPurged(_logger, name, version, unused.Count);
    }

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

    /// <inheritdoc />
    public async Task<IReadOnlyList<RegistryChange>> GetChangesAsync(long afterSequence = 0, int maxCount = ModelQuery.DefaultPageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxCount, ModelQuery.MaxPageSize);
        SqliteConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        using SqliteCommand select = connection.Command(null,
            "SELECT sequence, kind, model_name, version, alias, occurred_at FROM changes WHERE sequence > $after AND kind IN " + ModelChangeKinds + " ORDER BY sequence LIMIT $max;")
            .With("$after", afterSequence).With("$max", maxCount);
        SqliteDataReader reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable readerScope = reader.ConfigureAwait(false);
        var changes = new List<RegistryChange>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            changes.Add(new RegistryChange(
                reader.GetInt64(0),
                Enum.Parse<RegistryChangeKind>(reader.GetString(1)),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                ModelRows.ParseTime(reader.GetString(5))));
        }

        return changes;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<RegistryChange> WatchAsync(long afterSequence = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        long after = afterSequence;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Taken before reading: a commit between the read and the wait still wakes this watcher.
            Task signalled = _signal.NextAsync();
            IReadOnlyList<RegistryChange> changes = await GetChangesAsync(after, ModelQuery.MaxPageSize, cancellationToken).ConfigureAwait(false);
            foreach (RegistryChange change in changes)
            {
                after = change.Sequence;
                yield return change;
            }

            if (changes.Count == ModelQuery.MaxPageSize)
            {
                continue;
            }

            using var waitCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task poll = Task.Delay(_pollInterval, _timeProvider, waitCancellation.Token);
            await Task.WhenAny(signalled, poll).ConfigureAwait(false);
            await waitCancellation.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Releases the database's resources; pooled connections close with the process.</summary>
    public void Dispose() => _database.Dispose();

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

    private static void ValidatePaging(int pageSize)
    {
        if (pageSize is < 1 or > ModelQuery.MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, $"The page size must be from 1 to {ModelQuery.MaxPageSize}.");
        }
    }

    private static void ValidateTagFilter(string? key, string? value)
    {
        if (key is not null)
        {
            NameRules.Validate(key, "tag key");
        }

        if (value is not null)
        {
            if (key is null)
            {
                throw new ArgumentException("A tag value filter needs a tag key.", nameof(value));
            }

            NameRules.ValidateValue(value, "tag value");
        }
    }

    private async Task<(FileStream Stream, string Path)> OpenVerifiedAsync(string name, int version, string fileName, CancellationToken cancellationToken)
    {
        using Activity? activity = RegistryInstruments.Source.StartActivity("VerifyModelArtifact");
        activity?.SetTag(ModelRegistryTelemetry.ModelNameTag, name);
        activity?.SetTag(ModelRegistryTelemetry.VersionTag, version);
        (ModelArtifact artifact, string path) = await FindArtifactAsync(name, version, fileName, cancellationToken).ConfigureAwait(false);
        FileStream stream;
        try
        {
            // FileShare.Delete: a purge on another thread may unlink the blob while this handle reads it.
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Corrupt(name, version, artifact, new StoredBlob("missing", 0));
        }

        try
        {
            // Hash the very handle returned, so the bytes checked are the bytes the caller reads.
            StoredBlob actual = await ContentAddressedStore.HashAsync(stream, cancellationToken).ConfigureAwait(false);
            if (actual.Length != artifact.Length || !string.Equals(actual.Sha256, artifact.Sha256, StringComparison.Ordinal))
            {
                throw Corrupt(name, version, artifact, actual);
            }

            stream.Position = 0;
            return (stream, path);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<(ModelArtifact Artifact, string Path)> FindArtifactAsync(string name, int version, string fileName, CancellationToken cancellationToken)
    {
        NameRules.Validate(name, "model name");
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        NameRules.Validate(fileName, "artifact file name");
        SqliteConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        using SqliteCommand select = connection.Command(null,
            """
            SELECT a.sha256, a.length, v.status FROM version_artifacts a
            JOIN model_versions v ON v.model_name = a.model_name AND v.version = a.version
            WHERE a.model_name = $name AND a.version = $version AND a.file_name = $file;
            """)
            .With("$name", name).With("$version", version).With("$file", fileName);
        SqliteDataReader reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
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

    private static async Task ThrowNotFoundAsync(SqliteConnection connection, SqliteTransaction snapshot, ModelReference reference, ModelVersion? found, CancellationToken cancellationToken)
    {
        using SqliteCommand model = connection.Command(snapshot, "SELECT EXISTS (SELECT 1 FROM registered_models WHERE name = $name);").With("$name", reference.Name);
        bool modelExists = Convert.ToInt64(await model.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) != 0;
        string reason = !modelExists ? $"model '{reference.Name}' does not exist"
            : found is not null ? $"version {found.Version} is deleted"
            : reference.Alias is not null ? $"model '{reference.Name}' has no alias '{reference.Alias}'"
            : reference.Version is int version ? $"model '{reference.Name}' has no version {version}"
            : $"model '{reference.Name}' has no ready version";
        throw new ModelNotFoundException($"Cannot resolve '{reference}': {reason}.");
    }
}
