using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Ml.Sdk.Core.Devices;

namespace Ml.Sdk.Serving.Internal;

/// <summary>
/// One served model: resolves which versions should be loaded, loads and warms up new ones off the request path,
/// publishes a new <see cref="ModelRoutes"/> snapshot in one write, and retires the versions it no longer needs.
/// A version that fails to load or warm up never enters a snapshot; the old ones keep serving.
/// </summary>
internal sealed partial class ModelHost : IAsyncDisposable
{
    private readonly VersionSource _source;
    private readonly OnnxSessionFactory _sessions;
    private readonly InferenceObserverQueue _observers;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _reconcile = new(1, 1);
    private readonly ConcurrentDictionary<int, ServedVersionStatus> _failures = new();
    private readonly HashSet<int> _pinned = [];
    private readonly Lock _loadGate = new();
    private readonly Func<double> _random;
    private ModelRoutes? _routes;
    private Task? _initialLoad;
    private int? _defaultOverride;
    private int? _lastPolicyDefault;
    private string? _lastError;
    private int _disposed;
    private DateTimeOffset _lastFailureAt;
    private ModelLoadException? _lastLoadFailure;

    /// <summary>How long requests to a model whose first load failed get that error before a request tries again.</summary>
    internal static readonly TimeSpan LoadRetryInterval = TimeSpan.FromSeconds(5);

    public ModelHost(
        string name,
        ServedModelOptions options,
        MlServingOptions defaults,
        VersionSource source,
        OnnxSessionFactory sessions,
        InferenceObserverQueue observers,
        ResultCache? cache,
        TimeProvider timeProvider,
        ILogger logger)
    {
        Name = name;
        Options = options;
        _source = source;
        _sessions = sessions;
        _observers = observers;
        Cache = cache;
        _timeProvider = timeProvider;
        _logger = logger;
        MaxBatchSize = options.MaxBatchSize ?? defaults.MaxBatchSize;
        MaxQueueDelay = options.MaxQueueDelay ?? defaults.MaxQueueDelay;
        MaxQueueSize = options.MaxQueueSize ?? defaults.MaxQueueSize;
        RequestTimeout = options.RequestTimeout ?? defaults.RequestTimeout;
        Device = options.Device ?? defaults.Device;
        Optimization = options.GraphOptimizationLevel ?? defaults.GraphOptimizationLevel;
        if (options.Routing.Seed is int seed)
        {
            var random = new Random(seed);
            var gate = new Lock();
            _random = () =>
            {
                lock (gate)
                {
                    return random.NextDouble();
                }
            };
        }
        else
        {
            _random = static () => Random.Shared.NextDouble();
        }
    }

    public string Name { get; }

    public ServedModelOptions Options { get; }

    public VersionSource Source => _source;

    public ResultCache? Cache { get; }

    public int MaxBatchSize { get; }

    public TimeSpan MaxQueueDelay { get; }

    public int MaxQueueSize { get; }

    public TimeSpan? RequestTimeout { get; }

    public ComputeDevice Device { get; }

    public GraphOptimizationLevel Optimization { get; }

    /// <summary>Gets the current routes, or <see langword="null"/> before the first version is ready.</summary>
    public ModelRoutes? Routes => Volatile.Read(ref _routes);

    /// <summary>Loads the model the first time it is needed (or at start); later calls share the same attempt.</summary>
    public async ValueTask<ModelRoutes> EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (Routes is ModelRoutes ready)
        {
            return ready;
        }

        Task load;
        lock (_loadGate)
        {
            // After a failed load, requests fail fast with its error until the retry interval has passed, rather than
            // each of them waiting for another load of a model that does not load.
            bool retry = _initialLoad is { IsFaulted: true } && _timeProvider.GetUtcNow() - _lastFailureAt >= LoadRetryInterval;
            load = _initialLoad is null || retry ? _initialLoad = ReconcileAsync(reloadAll: false, CancellationToken.None) : _initialLoad;
        }

        try
        {
            await load.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ModelLoadException ex)
        {
            // Reported below with the model's state.
            lock (_loadGate)
            {
                _lastFailureAt = _timeProvider.GetUtcNow();
                _lastLoadFailure = ex;
            }
        }
        catch (ObjectDisposedException) when (Volatile.Read(ref _disposed) != 0)
        {
        }

        if (Routes is ModelRoutes routes)
        {
            return routes;
        }

        string reason = Volatile.Read(ref _disposed) != 0 ? "it was removed from serving (or the server was disposed)" : _lastError ?? "it is still loading";
        Exception? cause = Volatile.Read(ref _disposed) != 0 ? null : _lastLoadFailure;
        throw cause is null
            ? new ModelNotServedException($"Model '{Name}' has no ready version: {reason}.") { ModelName = Name }
            : new ModelNotServedException($"Model '{Name}' has no ready version: {reason}.", cause) { ModelName = Name };
    }

    /// <summary>Loads (pins) a version on demand, optionally making it the default.</summary>
    public async Task LoadVersionAsync(int version, string? filePath, bool makeDefault, CancellationToken cancellationToken)
    {
        _source.AddOnDemand(version, filePath);
        lock (_pinned)
        {
            _pinned.Add(version);
        }

        if (makeDefault)
        {
            _defaultOverride = version;
        }

        IReadOnlyList<ModelLoadException> failures = await ReconcileAsync(reloadAll: false, cancellationToken, forceVersion: filePath is null ? null : version).ConfigureAwait(false);
        ModelLoadException? failure = failures.FirstOrDefault(f => f.Version == version);
        if (failure is not null)
        {
            lock (_pinned)
            {
                _pinned.Remove(version);
            }

            if (makeDefault && _defaultOverride == version)
            {
                _defaultOverride = null;
            }

            throw failure;
        }
    }

    /// <summary>Unloads a version loaded on demand; the policy's and routing's versions cannot be unloaded.</summary>
    public async Task UnloadVersionAsync(int version, CancellationToken cancellationToken)
    {
        ModelRoutes? routes = Routes;
        if (routes is null || !routes.Versions.ContainsKey(version))
        {
            throw new ModelNotServedException($"Model '{Name}' has no version {version} loaded.") { ModelName = Name, Version = version };
        }

        if (routes.Default.Version == version)
        {
            throw new InvalidOperationException($"Model '{Name}' version {version} answers by default and cannot be unloaded; load or promote another version first.");
        }

        bool pinned;
        lock (_pinned)
        {
            pinned = _pinned.Remove(version);
        }

        if (!pinned)
        {
            throw new InvalidOperationException(
                $"Model '{Name}' version {version} is required by its version policy or routing ({Options.Policy?.ToString() ?? "files"}); change the configuration instead.");
        }

        if (_source is FileVersionSource files)
        {
            files.Remove(version);
        }

        await ReconcileAsync(reloadAll: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Re-resolves the policy and loads what changed (after an alias move or a new version).</summary>
    public Task<IReadOnlyList<ModelLoadException>> RefreshAsync(CancellationToken cancellationToken) => ReconcileAsync(reloadAll: false, cancellationToken);

    /// <summary>Loads fresh sessions for every version, warms them and swaps them in.</summary>
    public Task<IReadOnlyList<ModelLoadException>> ReloadAsync(CancellationToken cancellationToken) => ReconcileAsync(reloadAll: true, cancellationToken);

    public ServedModelStatus GetStatus()
    {
        ModelRoutes? routes = Routes;
        var versions = new SortedDictionary<int, ServedVersionStatus>();
        foreach (ServedVersionStatus failure in _failures.Values)
        {
            versions[failure.Version] = failure;
        }

        if (routes is not null)
        {
            foreach (LoadedVersion loaded in routes.Versions.Values)
            {
                versions[loaded.Version] = new ServedVersionStatus
                {
                    Version = loaded.Version,
                    State = VersionState.Ready,
                    Device = loaded.Device,
                    Signature = loaded.Signature,
                    IsBatched = loaded.IsStacked,
                    QueueLength = loaded.Batcher.QueueLength,
                    InFlight = loaded.InFlight,
                    IsDefault = loaded == routes.Default,
                };
            }
        }

        return new ServedModelStatus
        {
            Name = Name,
            IsReady = routes is not null,
            DefaultVersion = routes?.Default.Version,
            Versions = [.. versions.Values],
            LastError = _lastError,
        };
    }

    public int QueueLength
    {
        get
        {
            ModelRoutes? routes = Routes;
            return routes is null ? 0 : routes.Versions.Values.Sum(static v => v.Batcher.QueueLength);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _reconcile.WaitAsync().ConfigureAwait(false);
        try
        {
            ModelRoutes? routes = Interlocked.Exchange(ref _routes, null);
            if (routes is not null)
            {
                foreach (LoadedVersion version in routes.Versions.Values)
                {
                    version.Retire();
                }
            }
        }
        finally
        {
            _reconcile.Release();
        }
    }

    private LoadedVersion Load(int version, string path)
    {
        string stage = "load";
        LoadedVersion? loaded = null;
        try
        {
            InferenceSession session = _sessions.Create(Name, version, path, Device, Optimization, out ComputeDevice device);
            try
            {
                loaded = new LoadedVersion(Name, version, path, session, device, MaxBatchSize, MaxQueueSize, MaxQueueDelay, _observers, Cache, _timeProvider, _logger);
            }
            catch
            {
                session.Dispose();
                throw;
            }

            stage = "warm-up";
            long start = Stopwatch.GetTimestamp();
            loaded.WarmUp(Math.Max(Options.WarmupRuns, 1));
            if (_logger.IsEnabled(LogLevel.Information))
            {
                string deviceName = device.ToString();
                string mode = loaded.IsStacked ? "batched" : "unbatched";
                double warmupMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                ServingLog.VersionLoaded(_logger, Name, version, path, deviceName, mode, loaded.MaxBatchSize, warmupMs);
            }
            return loaded;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            loaded?.Dispose();
            throw new ModelLoadException($"Model '{Name}' version {version} failed at {stage} ({path}): {ex.Message}", ex)
            {
                ModelName = Name,
                Version = version,
                Stage = stage,
            };
        }
    }
}
