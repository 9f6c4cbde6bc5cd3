using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ml.Sdk.Registry.Models.Internal;
using Ml.Sdk.Registry.Storage.Internal;

namespace Ml.Sdk.Registry;

/// <summary>
/// The <see cref="IModelRegistry"/> for several machines: metadata in a PostgreSQL database, artifacts as
/// content-addressed blobs under <see cref="RegistryOptions.RootPath"/>, a folder every machine shares. Same contract
/// as <see cref="SqliteModelRegistry"/>: gap-free version numbers under concurrent writers, immutable versions,
/// verified artifacts. Safe to share as a singleton.
/// </summary>
public sealed class PostgreSqlModelRegistry : IModelRegistry, IDisposable
{
    private readonly DbModelRegistry _registry;

    /// <summary>Creates the registry; the tables and folders are created on first use.</summary>
    /// <param name="options">The registry options: the artifact root, limits and polling.</param>
    /// <param name="postgreSqlOptions">The connection string.</param>
    /// <param name="timeProvider">The clock for timestamps and change polling.</param>
    /// <param name="logger">The logger.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><see cref="RegistryOptions.RootPath"/> is empty, or the connection string is invalid.</exception>
    public PostgreSqlModelRegistry(
        IOptions<RegistryOptions> options, IOptions<PostgreSqlRegistryOptions> postgreSqlOptions, TimeProvider timeProvider, ILogger<PostgreSqlModelRegistry> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(postgreSqlOptions);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        RegistryOptions value = options.Value;
        ArgumentException.ThrowIfNullOrWhiteSpace(postgreSqlOptions.Value.ConnectionString, nameof(postgreSqlOptions));
        _registry = new DbModelRegistry(new PostgreSqlRegistryDatabase(value.RootPath, postgreSqlOptions.Value.ConnectionString), value, timeProvider, logger);
    }

    /// <inheritdoc />
    public Task<ModelVersion> RegisterVersionAsync(NewModelVersion newVersion, CancellationToken cancellationToken = default) =>
        _registry.RegisterVersionAsync(newVersion, cancellationToken);

    /// <inheritdoc />
    public Task<RegisteredModel?> GetModelAsync(string name, CancellationToken cancellationToken = default) =>
        _registry.GetModelAsync(name, cancellationToken);

    /// <inheritdoc />
    public Task<RegistryPage<RegisteredModel>> ListModelsAsync(ModelQuery? query = null, CancellationToken cancellationToken = default) =>
        _registry.ListModelsAsync(query, cancellationToken);

    /// <inheritdoc />
    public Task<ModelVersion?> GetVersionAsync(string name, int version, CancellationToken cancellationToken = default) =>
        _registry.GetVersionAsync(name, version, cancellationToken);

    /// <inheritdoc />
    public Task<ModelVersion> ResolveAsync(ModelReference reference, CancellationToken cancellationToken = default) =>
        _registry.ResolveAsync(reference, cancellationToken);

    /// <inheritdoc />
    public Task<ModelVersion> ResolveAsync(string reference, CancellationToken cancellationToken = default) =>
        _registry.ResolveAsync(reference, cancellationToken);

    /// <inheritdoc />
    public Task<RegistryPage<ModelVersion>> SearchVersionsAsync(VersionQuery? query = null, CancellationToken cancellationToken = default) =>
        _registry.SearchVersionsAsync(query, cancellationToken);

    /// <inheritdoc />
    public Task<int?> SetAliasAsync(string name, string aliasName, int version, CancellationToken cancellationToken = default) =>
        _registry.SetAliasAsync(name, aliasName, version, cancellationToken);

    /// <inheritdoc />
    public Task DeleteAliasAsync(string name, string aliasName, CancellationToken cancellationToken = default) =>
        _registry.DeleteAliasAsync(name, aliasName, cancellationToken);

    /// <inheritdoc />
    public Task SetModelTagAsync(string name, string key, string value, CancellationToken cancellationToken = default) =>
        _registry.SetModelTagAsync(name, key, value, cancellationToken);

    /// <inheritdoc />
    public Task SetModelDescriptionAsync(string name, string? description, CancellationToken cancellationToken = default) =>
        _registry.SetModelDescriptionAsync(name, description, cancellationToken);

    /// <inheritdoc />
    public Task SetVersionTagAsync(string name, int version, string key, string value, CancellationToken cancellationToken = default) =>
        _registry.SetVersionTagAsync(name, version, key, value, cancellationToken);

    /// <inheritdoc />
    public Task DeleteVersionAsync(string name, int version, CancellationToken cancellationToken = default) =>
        _registry.DeleteVersionAsync(name, version, cancellationToken);

    /// <inheritdoc />
    public Task PurgeAsync(string name, int version, CancellationToken cancellationToken = default) =>
        _registry.PurgeAsync(name, version, cancellationToken);

    /// <inheritdoc />
    public Task<Stream> OpenArtifactAsync(string name, int version, string fileName, CancellationToken cancellationToken = default) =>
        _registry.OpenArtifactAsync(name, version, fileName, cancellationToken);

    /// <inheritdoc />
    public Task<string> GetVerifiedArtifactPathAsync(string name, int version, string fileName, CancellationToken cancellationToken = default) =>
        _registry.GetVerifiedArtifactPathAsync(name, version, fileName, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<RegistryChange>> GetChangesAsync(long afterSequence = 0, int maxCount = ModelQuery.DefaultPageSize, CancellationToken cancellationToken = default) =>
        _registry.GetChangesAsync(afterSequence, maxCount, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<RegistryChange> WatchAsync(long afterSequence = 0, CancellationToken cancellationToken = default) =>
        _registry.WatchAsync(afterSequence, cancellationToken);

    /// <summary>Releases the connection pool.</summary>
    public void Dispose() => _registry.Dispose();
}
