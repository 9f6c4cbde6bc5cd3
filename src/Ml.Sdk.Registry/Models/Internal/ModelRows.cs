using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Ml.Sdk.Core.Tensors;

namespace Ml.Sdk.Registry.Models.Internal;

/// <summary>
/// Reads and writes of the model tables shared by the registry's operations: whole models and versions (with their
/// tags, artifacts, feature views and aliases, in one round trip each), statuses, and change rows.
/// </summary>
internal static class ModelRows
{
    public static async Task<bool> VersionExistsAsync(DbConnection connection, string name, int version, CancellationToken cancellationToken) =>
        await GetStatusAsync(connection, null, name, version, cancellationToken).ConfigureAwait(false) is not null;

    public static async Task<string?> GetStatusAsync(DbConnection connection, DbTransaction? transaction, string name, int version, CancellationToken cancellationToken)
    {
        using DbCommand select = connection.Command(transaction, "SELECT status FROM model_versions WHERE model_name = @name AND version = @version;")
            .With("@name", name).With("@version", version);
        return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public static async Task<List<string>> GetAliasesAsync(DbConnection connection, DbTransaction transaction, string name, int version, CancellationToken cancellationToken)
    {
        using DbCommand select = connection.Command(transaction, "SELECT alias FROM model_aliases WHERE model_name = @name AND version = @version ORDER BY alias;")
            .With("@name", name).With("@version", version);
        DbDataReader reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable readerScope = reader.ConfigureAwait(false);
        var aliases = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            aliases.Add(reader.GetString(0));
        }

        return aliases;
    }

    public static async Task InsertChangeAsync(
        DbConnection connection, DbTransaction transaction, RegistryChangeKind kind, string name, int? version, string? alias, string now, CancellationToken cancellationToken)
    {
        using DbCommand insert = connection.Command(transaction,
            "INSERT INTO changes (kind, model_name, version, alias, occurred_at) VALUES (@kind, @name, @version, @alias, @now);")
            .With("@kind", kind.ToString()).With("@name", name).With("@version", version).With("@alias", alias).With("@now", now);
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<RegisteredModel?> LoadModelAsync(DbConnection connection, DbTransaction snapshot, string name, CancellationToken cancellationToken)
    {
        using DbCommand select = connection.Command(snapshot,
            """
            SELECT created_at,
                   last_version,
                   (SELECT MAX(version) FROM model_versions WHERE model_name = @name AND status = 'Ready'),
                   description
            FROM registered_models WHERE name = @name;
            SELECT key, value FROM model_tags WHERE model_name = @name ORDER BY key;
            SELECT alias, version FROM model_aliases WHERE model_name = @name ORDER BY alias;
            """)
            .With("@name", name);
        DbDataReader reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable readerScope = reader.ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        DateTimeOffset createdAt = ParseTime(reader.GetString(0));
        int latest = reader.IsDBNull(1) ? 0 : reader.GetInt32(1);
        int? latestReady = reader.IsDBNull(2) ? null : reader.GetInt32(2);
        string? description = reader.IsDBNull(3) ? null : reader.GetString(3);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tags.Add(reader.GetString(0), reader.GetString(1));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var aliases = new SortedDictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            aliases.Add(reader.GetString(0), reader.GetInt32(1));
        }

        return new RegisteredModel
        {
            Name = name,
            CreatedAt = createdAt,
            Description = description,
            Tags = tags,
            Aliases = aliases,
            LatestVersion = latest,
            LatestReadyVersion = latestReady,
        };
    }

    public static async Task<ModelVersion?> LoadVersionAsync(DbConnection connection, DbTransaction snapshot, string name, int version, CancellationToken cancellationToken)
    {
        using DbCommand select = connection.Command(snapshot,
            """
            SELECT format, signature, description, creator, run_id, dataset_fingerprint, parent_version, created_at, status
            FROM model_versions WHERE model_name = @name AND version = @version;
            SELECT file_name, sha256, length FROM version_artifacts WHERE model_name = @name AND version = @version ORDER BY rowid;
            SELECT key, value FROM version_tags WHERE model_name = @name AND version = @version ORDER BY key;
            SELECT name, view_version FROM version_feature_views WHERE model_name = @name AND version = @version ORDER BY ordinal;
            SELECT alias FROM model_aliases WHERE model_name = @name AND version = @version ORDER BY alias;
            """)
            .With("@name", name).With("@version", version);
        DbDataReader reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable readerScope = reader.ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        ModelFormat format = Enum.Parse<ModelFormat>(reader.GetString(0));
        ModelSignature? signature = reader.IsDBNull(1) ? null : ModelSignatureJson.Deserialize(reader.GetString(1));
        string? description = reader.IsDBNull(2) ? null : reader.GetString(2);
        string? creator = reader.IsDBNull(3) ? null : reader.GetString(3);
        string? runId = reader.IsDBNull(4) ? null : reader.GetString(4);
        string? dataset = reader.IsDBNull(5) ? null : reader.GetString(5);
        int? parent = reader.IsDBNull(6) ? null : reader.GetInt32(6);
        DateTimeOffset createdAt = ParseTime(reader.GetString(7));
        ModelVersionStatus status = Enum.Parse<ModelVersionStatus>(reader.GetString(8));

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var artifacts = new List<ModelArtifact>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            artifacts.Add(new ModelArtifact(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tags.Add(reader.GetString(0), reader.GetString(1));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var views = new List<FeatureViewReference>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            views.Add(new FeatureViewReference(reader.GetString(0), reader.GetInt32(1)));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var aliases = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            aliases.Add(reader.GetString(0));
        }

        return new ModelVersion
        {
            Name = name,
            Version = version,
            Format = format,
            Artifacts = artifacts,
            Signature = signature,
            Description = description,
            Tags = tags,
            Lineage = new ModelLineage { RunId = runId, DatasetFingerprint = dataset, FeatureViews = views, ParentVersion = parent },
            Creator = creator,
            CreatedAt = createdAt,
            Status = status,
            Aliases = aliases,
        };
    }

    public static int? ToNullableInt(object? value) =>
        value is null or DBNull ? null : Convert.ToInt32(value, CultureInfo.InvariantCulture);

    public static string FormatTime(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
