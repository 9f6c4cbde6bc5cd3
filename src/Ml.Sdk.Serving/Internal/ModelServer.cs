using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ml.Sdk.Registry;

namespace Ml.Sdk.Serving.Internal;

/// <summary>The served models of this process, each a <see cref="ModelHost"/>; owns their sessions and the observer queue.</summary>
internal sealed class ModelServer : IModelServer, IAsyncDisposable, IDisposable
{
    private readonly ConcurrentDictionary<string, ModelClient> _clients = new(StringComparer.Ordinal);
    private readonly MlServingOptions _options;
    private readonly OnnxSessionFactory _sessions;
    private readonly InferenceObserverQueue _observers;
    private readonly IModelRegistry? _registry;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggers;

    public ModelServer(
        MlServingOptions options,
        IEnumerable<ServedModelRegistration> models,
        OnnxSessionFactory sessions,
        InferenceObserverQueue observers,
        IModelRegistry? registry,
        IServiceProvider services,
        TimeProvider timeProvider,
        ILoggerFactory? loggers)
    {
        _options = options;
        _sessions = sessions;
        _observers = observers;
        _registry = registry;
        _services = services;
        _timeProvider = timeProvider;
        _loggers = loggers ?? NullLoggerFactory.Instance;
        foreach (ServedModelRegistration model in models)
        {
            var configured = new ServedModelOptions();
            model.Configure(configured);
            if (!_clients.TryAdd(model.Name, new ModelClient(CreateHost(model.Name, configured), timeProvider)))
            {
                throw new InvalidOperationException($"Model '{model.Name}' is added to serving twice.");
            }
        }

        ServingGauges.Track(this);
    }

    public IReadOnlyCollection<string> ModelNames => [.. _clients.Keys.Order(StringComparer.Ordinal)];

    internal IEnumerable<ModelHost> Hosts => _clients.Values.Select(static c => c.Host);

    internal InferenceObserverQueue Observers => _observers;

    public IModelClient GetClient(string modelName) => Find(modelName);

    public ServedModelStatus GetStatus(string modelName) => Find(modelName).Host.GetStatus();

    public IReadOnlyList<ServedModelStatus> GetStatuses() => [.. Hosts.OrderBy(static h => h.Name, StringComparer.Ordinal).Select(static h => h.GetStatus())];

    public async Task WaitUntilReadyAsync(CancellationToken cancellationToken = default)
    {
        await Task.WhenAll(Hosts.Select(h => h.EnsureLoadedAsync(cancellationToken).AsTask())).ConfigureAwait(false);
    }

    public async Task AddModelAsync(string modelName, Action<ServedModelOptions> configure, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelName);
        ArgumentNullException.ThrowIfNull(configure);
        var configured = new ServedModelOptions();
        configure(configured);
        var client = new ModelClient(CreateHost(modelName, configured), _timeProvider);
        if (!_clients.TryAdd(modelName, client))
        {
            throw new InvalidOperationException($"A model named '{modelName}' is already served.");
        }

        try
        {
            // The load itself, not EnsureLoadedAsync: that one reports a failed load as ModelNotServedException (for
            // requests), while the caller of AddModelAsync gets the ModelLoadException with the version and stage.
            await client.Host.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _clients.TryRemove(modelName, out _);
            await client.Host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task RemoveModelAsync(string modelName)
    {
        if (_clients.TryRemove(modelName, out ModelClient? client))
        {
            await client.Host.DisposeAsync().ConfigureAwait(false);
            return;
        }

        throw Unknown(modelName);
    }

    public Task LoadVersionAsync(string modelName, int version, string? filePath = null, bool makeDefault = false, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        return Find(modelName).Host.LoadVersionAsync(version, filePath, makeDefault, cancellationToken);
    }

    public Task UnloadVersionAsync(string modelName, int version, CancellationToken cancellationToken = default) =>
        Find(modelName).Host.UnloadVersionAsync(version, cancellationToken);

    public async Task ReloadAsync(string modelName, bool reloadAll = false, CancellationToken cancellationToken = default)
    {
        ModelHost host = Find(modelName).Host;
        IReadOnlyList<ModelLoadException> failures = reloadAll
            ? await host.ReloadAsync(cancellationToken).ConfigureAwait(false)
            : await host.RefreshAsync(cancellationToken).ConfigureAwait(false);
        if (failures.Count > 0)
        {
            throw failures[0];
        }
    }

    /// <summary>Refreshes every model whose versions come from the given registered model (after a registry change).</summary>
    internal async Task RefreshRegisteredAsync(string registeredName, CancellationToken cancellationToken)
    {
        foreach (ModelHost host in Hosts.Where(h => h.Source.Follows(registeredName)))
        {
            try
            {
                await host.RefreshAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                ServingLog.RefreshFailed(_loggers.CreateLogger<ModelServer>(), ex, host.Name);
            }
        }
    }

    /// <summary>Disposes synchronously, for containers disposed with <c>Dispose()</c>; prefer <c>DisposeAsync</c>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        ServingGauges.Untrack(this);
        foreach (ModelClient client in _clients.Values)
        {
            await client.Host.DisposeAsync().ConfigureAwait(false);
        }

        _clients.Clear();
        await _observers.DisposeAsync().ConfigureAwait(false);
    }

    private ModelClient Find(string modelName)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        return _clients.TryGetValue(modelName, out ModelClient? client) ? client : throw Unknown(modelName);
    }

    private ModelNotServedException Unknown(string modelName) =>
        new($"No model named '{modelName}' is served (served: {string.Join(", ", ModelNames)}); add it with AddMlServing().AddModel(...).")
        {
            ModelName = modelName,
        };

    private ModelHost CreateHost(string name, ServedModelOptions configured)
    {
        VersionSource source;
        if (configured.RegisteredName is string registered)
        {
            source = new RegistryVersionSource(
                _registry ?? throw new InvalidOperationException(
                    $"Model '{name}' is served from the registry, but no IModelRegistry is registered: add services.AddMlRegistry()."),
                registered,
                configured.Policy!);
        }
        else if (configured.Files.Count > 0)
        {
            source = new FileVersionSource(name, configured.Files);
        }
        else
        {
            throw new InvalidOperationException($"Model '{name}' has no source: call FromFile(...) or FromRegistry(...) in its configuration.");
        }

        ValidateModelOptions(name, configured);
        ILogger logger = _loggers.CreateLogger("Ml.Sdk.Serving.ModelServer");
        ResultCache? cache = configured.ResultCache switch
        {
            ResultCacheMode.Memory => new ResultCache(
                (IMemoryCache?)_services.GetService(typeof(IMemoryCache))
                    ?? throw new InvalidOperationException($"Model '{name}' caches results in memory but no IMemoryCache is registered."),
                null, configured.ResultCacheDuration, logger),
            ResultCacheMode.Distributed => new ResultCache(
                null,
                (IDistributedCache?)_services.GetService(typeof(IDistributedCache))
                    ?? throw new InvalidOperationException(
                        $"Model '{name}' caches results in a distributed cache but no IDistributedCache is registered (e.g. services.AddStackExchangeRedisCache)."),
                configured.ResultCacheDuration, logger),
            _ => null,
        };
        return new ModelHost(name, configured, _options, source, _sessions, _observers, cache, _timeProvider, logger);
    }

    private static void ValidateModelOptions(string name, ServedModelOptions options)
    {
        var problems = new List<string>();
        if (options.MaxBatchSize is < 1)
        {
            problems.Add($"MaxBatchSize is {options.MaxBatchSize}; it must be 1 or more");
        }

        if (options.MaxQueueSize is < 1)
        {
            problems.Add($"MaxQueueSize is {options.MaxQueueSize}; it must be 1 or more");
        }

        if (options.MaxQueueDelay is TimeSpan delay && delay < TimeSpan.Zero)
        {
            problems.Add("MaxQueueDelay is negative");
        }

        if (options.RequestTimeout is TimeSpan timeout && timeout <= TimeSpan.Zero)
        {
            problems.Add("RequestTimeout must be positive");
        }

        if (options.WarmupRuns < 0)
        {
            problems.Add("WarmupRuns is negative");
        }

        RoutingOptions routing = options.Routing;
        if (routing.Split.Any(static arm => !(arm.Weight > 0) || double.IsInfinity(arm.Weight)))
        {
            problems.Add("every traffic split weight must be a finite number above 0");
        }

        if (routing.CanaryPercent is < 0 or > 100 || double.IsNaN(routing.CanaryPercent))
        {
            problems.Add($"CanaryPercent is {routing.CanaryPercent}; it must be 0 to 100");
        }

        if (routing.ShadowPercent is < 0 or > 100 || double.IsNaN(routing.ShadowPercent))
        {
            problems.Add($"ShadowPercent is {routing.ShadowPercent}; it must be 0 to 100");
        }

        if (routing.Canary is null && routing.CanaryPercent > 0)
        {
            problems.Add("CanaryPercent is set without a Canary version");
        }

        if (options.ResultCache != ResultCacheMode.None && options.ResultCacheDuration <= TimeSpan.Zero)
        {
            problems.Add("ResultCacheDuration must be positive");
        }

        if (problems.Count > 0)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(
                name, typeof(ServedModelOptions), [.. problems.Select(p => $"Served model '{name}': {p}.")]);
        }
    }
}
