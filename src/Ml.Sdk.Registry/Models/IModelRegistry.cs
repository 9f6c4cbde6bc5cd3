namespace Ml.Sdk.Registry;

/// <summary>
/// A registry of models with immutable, numbered, content-addressed versions, movable aliases, tags, lineage and a
/// change feed. Implementations are thread-safe and may be shared by several processes.
/// </summary>
public interface IModelRegistry
{
    /// <summary>
    /// Stores the artifacts and registers them as the next version of the model (creating the model on first use).
    /// The version becomes visible only once its metadata and every blob are complete.
    /// </summary>
    /// <param name="newVersion">What to register.</param>
    /// <param name="cancellationToken">Cancels the registration; nothing becomes visible.</param>
    /// <returns>The registered version.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="newVersion"/> is <see langword="null"/>.</exception>
    /// <exception cref="Naming.InvalidNameException">A name, tag or text is invalid; nothing is stored.</exception>
    /// <exception cref="ArgumentException">No artifacts, duplicate file names, or an artifact too large; nothing becomes visible.</exception>
    /// <exception cref="FileNotFoundException">A file source does not exist.</exception>
    /// <exception cref="ModelNotFoundException">The lineage's parent version does not exist.</exception>
    /// <exception cref="IOException">
    /// Storing a blob failed, or a concurrent purge removed a blob with the same content before the version was committed
    /// (retry the registration); nothing becomes visible.
    /// </exception>
    Task<ModelVersion> RegisterVersionAsync(NewModelVersion newVersion, CancellationToken cancellationToken = default);

    /// <summary>Gets a registered model.</summary>
    /// <param name="name">The model name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The model, or <see langword="null"/> when there is none of that name.</returns>
    /// <exception cref="Naming.InvalidNameException"><paramref name="name"/> is not a valid model name.</exception>
    Task<RegisteredModel?> GetModelAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Lists registered models, sorted by name, one page at a time.</summary>
    /// <param name="query">Filters and paging; all models when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One page of models.</returns>
    /// <exception cref="ArgumentException">A filter, the page size or the page token is invalid.</exception>
    Task<RegistryPage<RegisteredModel>> ListModelsAsync(ModelQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Gets one version, whatever its status.</summary>
    /// <param name="name">The model name.</param>
    /// <param name="version">The version number.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The version, or <see langword="null"/> when it does not exist (or was purged).</returns>
    /// <exception cref="Naming.InvalidNameException"><paramref name="name"/> is not a valid model name.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is less than 1.</exception>
    Task<ModelVersion?> GetVersionAsync(string name, int version, CancellationToken cancellationToken = default);

    /// <summary>Resolves a reference to a ready version.</summary>
    /// <param name="reference">The reference.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The version.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reference"/> is <see langword="null"/>.</exception>
    /// <exception cref="ModelNotFoundException">The model, version or alias does not exist, or the version is deleted.</exception>
    Task<ModelVersion> ResolveAsync(ModelReference reference, CancellationToken cancellationToken = default);

    /// <summary>Parses and resolves <c>name</c>, <c>name@alias</c>, <c>name@latest</c> or <c>name/3</c>.</summary>
    /// <param name="reference">The reference text.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The version.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reference"/> is <see langword="null"/>.</exception>
    /// <exception cref="Naming.InvalidNameException">The text is not a valid reference.</exception>
    /// <exception cref="ModelNotFoundException">The model, version or alias does not exist, or the version is deleted.</exception>
    Task<ModelVersion> ResolveAsync(string reference, CancellationToken cancellationToken = default);

    /// <summary>Searches versions, sorted by model name and version, one page at a time.</summary>
    /// <param name="query">Filters and paging; all versions when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One page of versions.</returns>
    /// <exception cref="ArgumentException">A filter, the page size or the page token is invalid.</exception>
    Task<RegistryPage<ModelVersion>> SearchVersionsAsync(VersionQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Points an alias at a ready version, creating it or moving it atomically.</summary>
    /// <param name="name">The model name.</param>
    /// <param name="aliasName">The alias: a valid name, not all digits and not <c>latest</c>.</param>
    /// <param name="version">The version to point at.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The version the alias pointed at before, or <see langword="null"/> when it is new.</returns>
    /// <exception cref="Naming.InvalidNameException">The name or alias is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is less than 1.</exception>
    /// <exception cref="ModelNotFoundException">The model or version does not exist, or the version is deleted.</exception>
    Task<int?> SetAliasAsync(string name, string aliasName, int version, CancellationToken cancellationToken = default);

    /// <summary>Removes an alias.</summary>
    /// <param name="name">The model name.</param>
    /// <param name="aliasName">The alias.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the alias is gone.</returns>
    /// <exception cref="Naming.InvalidNameException">The name or alias is invalid.</exception>
    /// <exception cref="ModelNotFoundException">The model or alias does not exist.</exception>
    Task DeleteAliasAsync(string name, string aliasName, CancellationToken cancellationToken = default);

    /// <summary>Sets (adds or replaces) a tag of a registered model.</summary>
    /// <param name="name">The model name.</param>
    /// <param name="key">The tag key, a valid name.</param>
    /// <param name="value">The tag value.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the tag is stored.</returns>
    /// <exception cref="Naming.InvalidNameException">The name, key or value is invalid.</exception>
    /// <exception cref="ModelNotFoundException">The model does not exist.</exception>
    Task SetModelTagAsync(string name, string key, string value, CancellationToken cancellationToken = default);

    /// <summary>Sets or clears the description of a registered model.</summary>
    /// <param name="name">The model name.</param>
    /// <param name="description">The description (any text up to the value limit), or <see langword="null"/> to clear it.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the description is stored.</returns>
    /// <exception cref="Naming.InvalidNameException">The name or description is invalid.</exception>
    /// <exception cref="ModelNotFoundException">The model does not exist.</exception>
    Task SetModelDescriptionAsync(string name, string? description, CancellationToken cancellationToken = default);

    /// <summary>Sets (adds or replaces) a tag of a version; tags are the one mutable part of a version besides its status.</summary>
    /// <param name="name">The model name.</param>
    /// <param name="version">The version number.</param>
    /// <param name="key">The tag key, a valid name.</param>
    /// <param name="value">The tag value.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the tag is stored.</returns>
    /// <exception cref="Naming.InvalidNameException">The name, key or value is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is less than 1.</exception>
    /// <exception cref="ModelNotFoundException">The version does not exist.</exception>
    Task SetVersionTagAsync(string name, int version, string key, string value, CancellationToken cancellationToken = default);

    /// <summary>Soft-deletes a version: it stays listed with status <see cref="ModelVersionStatus.Deleted"/> but no longer resolves.</summary>
    /// <param name="name">The model name.</param>
    /// <param name="version">The version number.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the version is deleted (at once when it already was).</returns>
    /// <exception cref="Naming.InvalidNameException"><paramref name="name"/> is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is less than 1.</exception>
    /// <exception cref="ModelNotFoundException">The version does not exist.</exception>
    /// <exception cref="InvalidOperationException">An alias points at the version; move or delete it first.</exception>
    Task DeleteVersionAsync(string name, int version, CancellationToken cancellationToken = default);

    /// <summary>Removes a deleted version for good, with every artifact blob that no other version uses.</summary>
    /// <param name="name">The model name.</param>
    /// <param name="version">The version number.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the version is purged.</returns>
    /// <exception cref="Naming.InvalidNameException"><paramref name="name"/> is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is less than 1.</exception>
    /// <exception cref="ModelNotFoundException">The version does not exist.</exception>
    /// <exception cref="InvalidOperationException">The version is not deleted.</exception>
    Task PurgeAsync(string name, int version, CancellationToken cancellationToken = default);

    /// <summary>Opens an artifact of a ready version for reading, after checking its SHA-256.</summary>
    /// <param name="name">The model name.</param>
    /// <param name="version">The version number.</param>
    /// <param name="fileName">The artifact's file name.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>A read-only stream positioned at the start; the caller disposes it.</returns>
    /// <exception cref="Naming.InvalidNameException">The name or file name is invalid.</exception>
    /// <exception cref="ModelNotFoundException">The version or artifact does not exist, or the version is deleted.</exception>
    /// <exception cref="ArtifactIntegrityException">The stored content does not match its recorded SHA-256 or length.</exception>
    Task<Stream> OpenArtifactAsync(string name, int version, string fileName, CancellationToken cancellationToken = default);

    /// <summary>Returns the local path of an artifact of a ready version, after checking its SHA-256; the file must not be modified.</summary>
    /// <param name="name">The model name.</param>
    /// <param name="version">The version number.</param>
    /// <param name="fileName">The artifact's file name.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The full path of the content-addressed blob.</returns>
    /// <exception cref="Naming.InvalidNameException">The name or file name is invalid.</exception>
    /// <exception cref="ModelNotFoundException">The version or artifact does not exist, or the version is deleted.</exception>
    /// <exception cref="ArtifactIntegrityException">The stored content does not match its recorded SHA-256 or length.</exception>
    Task<string> GetVerifiedArtifactPathAsync(string name, int version, string fileName, CancellationToken cancellationToken = default);

    /// <summary>Reads committed changes after a sequence number, oldest first.</summary>
    /// <param name="afterSequence">The last sequence already seen; 0 for all.</param>
    /// <param name="maxCount">The most changes to return, 1 to 1000.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The changes, possibly none.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    Task<IReadOnlyList<RegistryChange>> GetChangesAsync(long afterSequence = 0, int maxCount = ModelQuery.DefaultPageSize, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams committed changes after a sequence number, without end: changes made in this process arrive at once,
    /// other processes' changes at the next poll.
    /// </summary>
    /// <param name="afterSequence">The last sequence already seen; 0 for all.</param>
    /// <param name="cancellationToken">Ends the stream.</param>
    /// <returns>The changes, oldest first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterSequence"/> is negative.</exception>
    IAsyncEnumerable<RegistryChange> WatchAsync(long afterSequence = 0, CancellationToken cancellationToken = default);
}
