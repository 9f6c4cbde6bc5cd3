using Microsoft.ML.OnnxRuntime;
using Ml.Sdk.Core.Devices;
using Ml.Sdk.Registry;

namespace Ml.Sdk.Serving;

/// <summary>
/// One served model: where its versions come from (files or the registry and a <see cref="VersionPolicy"/>), how its
/// requests are batched, which device runs it, how its traffic is routed and whether results are cached. Settings left
/// <see langword="null"/> take the value from <see cref="MlServingOptions"/>.
/// </summary>
public sealed class ServedModelOptions
{
    private readonly SortedDictionary<int, string> _files = [];

    /// <summary>Gets the registered model's name, when the model comes from the registry.</summary>
    public string? RegisteredName { get; private set; }

    /// <summary>Gets the version policy, when the model comes from the registry.</summary>
    public VersionPolicy? Policy { get; private set; }

    /// <summary>Gets the model files by version, when the model comes from files.</summary>
    public IReadOnlyDictionary<int, string> Files => _files;

    /// <summary>Gets or sets the largest batch (in rows) that requests are stacked into.</summary>
    /// <value>The default is <see langword="null"/>: <see cref="MlServingOptions.MaxBatchSize"/>.</value>
    public int? MaxBatchSize { get; set; }

    /// <summary>
    /// Gets or sets how long a batch may wait for more requests once it has one, when the model is under concurrent
    /// load. A lone request never waits: batches form while the model is busy.
    /// </summary>
    /// <value>The default is <see langword="null"/>: <see cref="MlServingOptions.MaxQueueDelay"/>.</value>
    public TimeSpan? MaxQueueDelay { get; set; }

    /// <summary>Gets or sets how many requests may wait per version before new ones fail with <see cref="ServingQueueFullException"/>.</summary>
    /// <value>The default is <see langword="null"/>: <see cref="MlServingOptions.MaxQueueSize"/>.</value>
    public int? MaxQueueSize { get; set; }

    /// <summary>Gets or sets the default time a request may wait before it runs.</summary>
    /// <value>The default is <see langword="null"/>: <see cref="MlServingOptions.RequestTimeout"/>.</value>
    public TimeSpan? RequestTimeout { get; set; }

    /// <summary>Gets or sets the device the model runs on.</summary>
    /// <value>The default is <see langword="null"/>: <see cref="MlServingOptions.Device"/>.</value>
    public ComputeDevice? Device { get; set; }

    /// <summary>Gets or sets ONNX Runtime's graph optimization level.</summary>
    /// <value>The default is <see langword="null"/>: <see cref="MlServingOptions.GraphOptimizationLevel"/>.</value>
    public GraphOptimizationLevel? GraphOptimizationLevel { get; set; }

    /// <summary>Gets or sets how many warm-up runs each batch shape gets before a version takes traffic.</summary>
    /// <value>The default is 2.</value>
    public int WarmupRuns { get; set; } = 2;

    /// <summary>Gets how the model's traffic is spread over its versions.</summary>
    public RoutingOptions Routing { get; } = new();

    /// <summary>Gets or sets where results are cached.</summary>
    /// <value>The default is <see cref="ResultCacheMode.None"/>.</value>
    public ResultCacheMode ResultCache { get; set; }

    /// <summary>Gets or sets how long a cached result lives.</summary>
    /// <value>The default is 5 minutes.</value>
    public TimeSpan ResultCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Serves a model file as the given version; call again to add more versions (the highest answers by default).</summary>
    /// <param name="path">The <c>.onnx</c> file.</param>
    /// <param name="version">The version number it is served as.</param>
    /// <returns>These options, for chaining.</returns>
    public ServedModelOptions FromFile(string path, int version = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        if (RegisteredName is not null)
        {
            throw new InvalidOperationException("A served model comes from files or from the registry, not both.");
        }

        _files[version] = path;
        return this;
    }

    /// <summary>Serves a registered model through an alias (e.g. <c>champion</c>), following it when it moves.</summary>
    /// <param name="registeredName">The registered model's name.</param>
    /// <param name="alias">The alias.</param>
    /// <returns>These options, for chaining.</returns>
    public ServedModelOptions FromRegistry(string registeredName, string alias) => FromRegistry(registeredName, VersionPolicy.Alias(alias));

    /// <summary>Serves a registered model with a version policy.</summary>
    /// <param name="registeredName">The registered model's name.</param>
    /// <param name="policy">Which versions to load.</param>
    /// <returns>These options, for chaining.</returns>
    public ServedModelOptions FromRegistry(string registeredName, VersionPolicy policy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registeredName);
        ArgumentNullException.ThrowIfNull(policy);
        if (_files.Count != 0)
        {
            throw new InvalidOperationException("A served model comes from files or from the registry, not both.");
        }

        RegisteredName = registeredName;
        Policy = policy;
        return this;
    }

    /// <summary>Serves a registry reference: <c>name@alias</c>, <c>name/3</c> (that version) or <c>name</c> (the latest).</summary>
    /// <param name="reference">The reference.</param>
    /// <returns>These options, for chaining.</returns>
    public ServedModelOptions FromRegistry(string reference)
    {
        ModelReference parsed = ModelReference.Parse(reference);
        VersionPolicy policy = parsed.Version is int version ? VersionPolicy.Specific(version)
            : parsed.Alias is string alias ? VersionPolicy.Alias(alias)
            : VersionPolicy.Latest();
        return FromRegistry(parsed.Name, policy);
    }

    /// <summary>Splits traffic between versions by weight (A/B).</summary>
    /// <param name="arms">The arms.</param>
    /// <returns>These options, for chaining.</returns>
    public ServedModelOptions SplitTraffic(params TrafficSplit[] arms)
    {
        ArgumentNullException.ThrowIfNull(arms);
        Routing.Split.Clear();
        foreach (TrafficSplit arm in arms)
        {
            Routing.Split.Add(arm);
        }

        return this;
    }

    /// <summary>Sends a percentage of traffic to a canary version.</summary>
    /// <param name="target">The canary.</param>
    /// <param name="percent">The share, 0 to 100.</param>
    /// <returns>These options, for chaining.</returns>
    public ServedModelOptions WithCanary(VersionTarget target, double percent)
    {
        Routing.Canary = target;
        Routing.CanaryPercent = percent;
        return this;
    }

    /// <summary>Mirrors traffic to a shadow version whose outputs are observed but never returned.</summary>
    /// <param name="target">The shadow.</param>
    /// <param name="percent">The share mirrored, 0 to 100.</param>
    /// <returns>These options, for chaining.</returns>
    public ServedModelOptions WithShadow(VersionTarget target, double percent = 100)
    {
        Routing.Shadow = target;
        Routing.ShadowPercent = percent;
        return this;
    }
}
