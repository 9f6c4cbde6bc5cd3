using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Ml.Sdk.Registry.Models.Internal;
using Ml.Sdk.Registry.Naming;

namespace Ml.Sdk.Registry;

// Aliases, tags, soft deletion and purge.
public abstract partial class RelationalModelRegistry
{
    /// <inheritdoc />
    public async Task<int?> SetAliasAsync(string name, string aliasName, int version, CancellationToken cancellationToken = default)
    {
        NameRules.Validate(name, "model name");
        ModelReference.ValidateAlias(aliasName);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        DbConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        DbTransaction transaction = await _database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable transactionScope = transaction.ConfigureAwait(false);
        string? status = await ModelRows.GetStatusAsync(connection, transaction, name, version, cancellationToken).ConfigureAwait(false);
        if (status != Ready)
        {
            throw new ModelNotFoundException(status is null
                ? $"Cannot point alias '{aliasName}' at {name}/{version}: the version does not exist."
                : $"Cannot point alias '{aliasName}' at {name}/{version}: the version is deleted.");
        }

        int? previous;
        using (DbCommand select = connection.Command(transaction, "SELECT version FROM model_aliases WHERE model_name = @name AND alias = @alias;")
            .With("@name", name).With("@alias", aliasName))
        {
            previous = ModelRows.ToNullableInt(await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
        }

        if (previous == version)
        {
            return previous;
        }

        using (DbCommand upsert = connection.Command(transaction,
            "INSERT INTO model_aliases (model_name, alias, version) VALUES (@name, @alias, @version) ON CONFLICT (model_name, alias) DO UPDATE SET version = excluded.version;")
            .With("@name", name).With("@alias", aliasName).With("@version", version))
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
        DbConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        DbTransaction transaction = await _database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable transactionScope = transaction.ConfigureAwait(false);
        int version;
        using (DbCommand delete = connection.Command(transaction, "DELETE FROM model_aliases WHERE model_name = @name AND alias = @alias RETURNING version;")
            .With("@name", name).With("@alias", aliasName))
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
        DbConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        DbTransaction transaction = await _database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable transactionScope = transaction.ConfigureAwait(false);
        using (DbCommand upsert = connection.Command(transaction,
            """
            INSERT INTO model_tags (model_name, key, value) SELECT name, @key, @value FROM registered_models WHERE name = @name
            ON CONFLICT (model_name, key) DO UPDATE SET value = excluded.value;
            """)
            .With("@name", name).With("@key", key).With("@value", value))
        {
            if (await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new ModelNotFoundException($"Model '{name}' does not exist.");
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SetModelDescriptionAsync(string name, string? description, CancellationToken cancellationToken = default)
    {
        NameRules.Validate(name, "model name");
        if (description is not null)
        {
            NameRules.ValidateValue(description, "model description");
        }

        DbConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        DbTransaction transaction = await _database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable transactionScope = transaction.ConfigureAwait(false);
        using (DbCommand update = connection.Command(transaction, "UPDATE registered_models SET description = @description WHERE name = @name;")
            .With("@name", name).With("@description", description))
        {
            if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
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
        DbConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        DbTransaction transaction = await _database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable transactionScope = transaction.ConfigureAwait(false);
        using (DbCommand upsert = connection.Command(transaction,
            """
            INSERT INTO version_tags (model_name, version, key, value)
            SELECT model_name, version, @key, @value FROM model_versions WHERE model_name = @name AND version = @version
            ON CONFLICT (model_name, version, key) DO UPDATE SET value = excluded.value;
            """)
            .With("@name", name).With("@version", version).With("@key", key).With("@value", value))
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
        DbConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        DbTransaction transaction = await _database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
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

        using (DbCommand update = connection.Command(transaction, "UPDATE model_versions SET status = 'Deleted' WHERE model_name = @name AND version = @version;")
            .With("@name", name).With("@version", version))
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
        DbConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable connectionScope = connection.ConfigureAwait(false);
        DbTransaction transaction = await _database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable transactionScope = transaction.ConfigureAwait(false);
        string? status = await ModelRows.GetStatusAsync(connection, transaction, name, version, cancellationToken).ConfigureAwait(false)
            ?? throw new ModelNotFoundException($"Model version {name}/{version} does not exist.");
        if (status != Deleted)
        {
            throw new InvalidOperationException($"Cannot purge {name}/{version}: only deleted versions can be purged; delete it first.");
        }

        var unused = new List<string>();
        using (DbCommand delete = connection.Command(transaction,
            """
            DELETE FROM version_tags WHERE model_name = @name AND version = @version;
            DELETE FROM version_feature_views WHERE model_name = @name AND version = @version;
            DELETE FROM version_artifacts WHERE model_name = @name AND version = @version RETURNING sha256;
            """)
            .With("@name", name).With("@version", version))
        {
            var shas = new HashSet<string>(StringComparer.Ordinal);
            DbDataReader reader = await delete.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
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
                using DbCommand used = connection.Command(transaction, "SELECT EXISTS (SELECT 1 FROM version_artifacts WHERE sha256 = @sha) OR EXISTS (SELECT 1 FROM run_artifacts WHERE sha256 = @sha);").With("@sha", sha);
                if (Convert.ToInt64(await used.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) == 0)
                {
                    unused.Add(sha);
                }
            }
        }

        using (DbCommand delete = connection.Command(transaction, "DELETE FROM model_versions WHERE model_name = @name AND version = @version;")
            .With("@name", name).With("@version", version))
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
}
