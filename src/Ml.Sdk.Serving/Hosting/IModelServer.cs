namespace Ml.Sdk.Serving;

/// <summary>
/// The models served in this process: clients by name, status, and loading, unloading and reloading on demand.
/// Registered by <c>services.AddMlServing()</c>.
/// </summary>
public interface IModelServer
{
    /// <summary>Gets the names of the served models.</summary>
    IReadOnlyCollection<string> ModelNames { get; }

    /// <summary>Gets the client of a served model.</summary>
    /// <param name="modelName">The model's name.</param>
    /// <returns>The client.</returns>
    /// <exception cref="ModelNotServedException">No model has that name.</exception>
    IModelClient GetClient(string modelName);

    /// <summary>Gets the status of one model.</summary>
    /// <param name="modelName">The model's name.</param>
    /// <returns>Its status.</returns>
    ServedModelStatus GetStatus(string modelName);

    /// <summary>Gets the status of every model.</summary>
    /// <returns>The statuses.</returns>
    IReadOnlyList<ServedModelStatus> GetStatuses();

    /// <summary>Loads every model that is not loaded yet and waits until each has a warmed-up version.</summary>
    /// <param name="cancellationToken">Cancels the wait (loading goes on).</param>
    /// <returns>A task that completes when every model is ready.</returns>
    /// <exception cref="ModelNotServedException">A model has no version that loads.</exception>
    Task WaitUntilReadyAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a model at run time and loads it.</summary>
    /// <param name="modelName">The name to serve it under.</param>
    /// <param name="configure">Its source and settings.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>A task that completes when it is ready.</returns>
    /// <exception cref="InvalidOperationException">A model with that name is already served.</exception>
    /// <exception cref="ModelLoadException">It failed to load or warm up (it is not added).</exception>
    Task AddModelAsync(string modelName, Action<ServedModelOptions> configure, CancellationToken cancellationToken = default);

    /// <summary>Stops serving a model; requests already running finish first.</summary>
    /// <param name="modelName">The model's name.</param>
    /// <returns>A task that completes when it is removed.</returns>
    Task RemoveModelAsync(string modelName);

    /// <summary>
    /// Loads a version on demand (warmed up, then reachable by <see cref="InferenceOptions.Version"/> and routing), and
    /// optionally makes it the default: the switch is atomic and requests already running finish on the old version.
    /// </summary>
    /// <param name="modelName">The model's name.</param>
    /// <param name="version">The version.</param>
    /// <param name="filePath">The ONNX file, for a model served from files; <see langword="null"/> for registry models.</param>
    /// <param name="makeDefault">Whether it answers by default from now on (until the version policy's default changes).</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>A task that completes when the version takes traffic.</returns>
    /// <exception cref="ModelLoadException">It failed to load or warm up; the versions already serving keep serving.</exception>
    Task LoadVersionAsync(string modelName, int version, string? filePath = null, bool makeDefault = false, CancellationToken cancellationToken = default);

    /// <summary>Unloads a version loaded on demand, once its in-flight requests finish.</summary>
    /// <param name="modelName">The model's name.</param>
    /// <param name="version">The version.</param>
    /// <param name="cancellationToken">Cancels the wait for the lock.</param>
    /// <returns>A task that completes when it no longer takes traffic.</returns>
    /// <exception cref="InvalidOperationException">The version is the default or is required by the policy or routing.</exception>
    Task UnloadVersionAsync(string modelName, int version, CancellationToken cancellationToken = default);

    /// <summary>
    /// Re-resolves the model's version policy and loads what changed, as the registry watcher does after an alias move.
    /// With <paramref name="reloadAll"/>, every version gets a fresh session (e.g. after its file was replaced).
    /// </summary>
    /// <param name="modelName">The model's name.</param>
    /// <param name="reloadAll">Whether to replace the sessions of versions that are already loaded.</param>
    /// <param name="cancellationToken">Cancels the reload.</param>
    /// <returns>A task that completes when the new versions take traffic.</returns>
    /// <exception cref="ModelLoadException">A version failed; the versions already serving keep serving.</exception>
    Task ReloadAsync(string modelName, bool reloadAll = false, CancellationToken cancellationToken = default);
}
