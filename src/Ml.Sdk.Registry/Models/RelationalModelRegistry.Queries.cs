using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Ml.Sdk.Registry.Models.Internal;
using Ml.Sdk.Registry.Naming;

namespace Ml.Sdk.Registry;

// Reading: models, versions, references, search with paging.
public abstract partial class RelationalModelRegistry
{
    /// <inheritdoc />
    public async Task<RegisteredModel?> GetModelAsync(string name, CancellationToken cancellationToken = default)
    {
        NameRules.Validate(name, "model name");
        DbConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        DbTransaction snapshot = await _database.BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
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
        DbConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        DbTransaction snapshot = await _database.BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable snapshotScope = snapshot.ConfigureAwait(false);
        var names = new List<string>();
        using (DbCommand select = connection.Command(snapshot,
            """
            SELECT name FROM registered_models m
            WHERE (@prefix IS NULL OR substr(m.name, 1, length(@prefix)) = @prefix)
              AND (@after IS NULL OR m.name > @after)
              AND (@key IS NULL OR EXISTS (SELECT 1 FROM model_tags t WHERE t.model_name = m.name AND t.key = @key AND (@value IS NULL OR t.value = @value)))
            ORDER BY m.name
            LIMIT @limit;
            """)
            .With("@prefix", query.NamePrefix).With("@after", after).With("@key", query.TagKey).With("@value", query.TagValue)
            .With("@limit", query.PageSize + 1))
        {
            DbDataReader reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
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
        DbConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        DbTransaction snapshot = await _database.BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
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
        DbConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        DbTransaction snapshot = await _database.BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable snapshotScope = snapshot.ConfigureAwait(false);
        int? version = reference.Version;
        if (reference.Alias is not null)
        {
            using DbCommand select = connection.Command(snapshot, "SELECT version FROM model_aliases WHERE model_name = @name AND alias = @alias;")
                .With("@name", reference.Name).With("@alias", reference.Alias);
            version = ModelRows.ToNullableInt(await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
        }
        else if (reference.IsLatest)
        {
            using DbCommand select = connection.Command(snapshot, "SELECT MAX(version) FROM model_versions WHERE model_name = @name AND status = 'Ready';")
                .With("@name", reference.Name);
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
        DbConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        DbTransaction snapshot = await _database.BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable snapshotScope = snapshot.ConfigureAwait(false);
        var keys = new List<(string Name, int Version)>();
        using (DbCommand select = connection.Command(snapshot,
            """
            SELECT v.model_name, v.version FROM model_versions v
            WHERE (@name IS NULL OR v.model_name = @name)
              AND (@status IS NULL OR v.status = @status)
              AND (@alias IS NULL OR EXISTS (SELECT 1 FROM model_aliases a WHERE a.model_name = v.model_name AND a.version = v.version AND a.alias = @alias))
              AND (@key IS NULL OR EXISTS (SELECT 1 FROM version_tags t
                   WHERE t.model_name = v.model_name AND t.version = v.version AND t.key = @key AND (@value IS NULL OR t.value = @value)))
              AND (@afterName IS NULL OR v.model_name > @afterName OR (v.model_name = @afterName AND v.version > @afterVersion))
            ORDER BY v.model_name, v.version
            LIMIT @limit;
            """)
            .With("@name", query.Name).With("@status", query.Status?.ToString()).With("@alias", query.Alias)
            .With("@key", query.TagKey).With("@value", query.TagValue)
            .With("@afterName", after?.Name).With("@afterVersion", after?.Version ?? 0).With("@limit", query.PageSize + 1))
        {
            DbDataReader reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
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

    private static async Task ThrowNotFoundAsync(DbConnection connection, DbTransaction snapshot, ModelReference reference, ModelVersion? found, CancellationToken cancellationToken)
    {
        using DbCommand model = connection.Command(snapshot, "SELECT EXISTS (SELECT 1 FROM registered_models WHERE name = @name);").With("@name", reference.Name);
        bool modelExists = Convert.ToInt64(await model.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) != 0;
        string reason = !modelExists ? $"model '{reference.Name}' does not exist"
            : found is not null ? $"version {found.Version} is deleted"
            : reference.Alias is not null ? $"model '{reference.Name}' has no alias '{reference.Alias}'"
            : reference.Version is int version ? $"model '{reference.Name}' has no version {version}"
            : $"model '{reference.Name}' has no ready version";
        throw new ModelNotFoundException($"Cannot resolve '{reference}': {reason}.");
    }
}
