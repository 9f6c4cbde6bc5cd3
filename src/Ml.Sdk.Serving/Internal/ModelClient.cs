using Ml.Sdk.Core.Tensors;

namespace Ml.Sdk.Serving.Internal;

/// <summary>
/// The client of one served model: picks a version from the current routes (taking a lease on it), validates the
/// request against that version's signature, mirrors it to the shadow if there is one, and runs it inline or queues it.
/// </summary>
internal sealed partial class ModelClient(ModelHost host, TimeProvider timeProvider) : IModelClient
{
    public string ModelName => host.Name;

    internal ModelHost Host => host;

    public ValueTask<InferenceResult> InferAsync<TInput, TOutput>(
        ReadOnlyMemory<TInput> input,
        Memory<TOutput> output,
        InferenceOptions? options = null,
        CancellationToken cancellationToken = default)
        where TInput : unmanaged
        where TOutput : unmanaged
    {
        options ??= InferenceOptions.Default;
        if (CheckTimeout(options) is Exception invalid)
        {
            return ValueTask.FromException<InferenceResult>(invalid);
        }

        if (ServingTelemetry.ActivitySource.HasListeners())
        {
            return TraceAsync(this, InferCoreAsync(input, output, options, cancellationToken), static r => r.Version);
        }

        return InferCoreAsync(input, output, options, cancellationToken);
    }

    private ValueTask<InferenceResult> InferCoreAsync<TInput, TOutput>(
        ReadOnlyMemory<TInput> input, Memory<TOutput> output, InferenceOptions options, CancellationToken cancellationToken)
        where TInput : unmanaged
        where TOutput : unmanaged
    {
        ModelRoutes? routes = host.Routes;
        return routes is null || cancellationToken.IsCancellationRequested
            ? InferSlowAsync(input, output, options, cancellationToken)
            : Submit(routes, input, output, options, cancellationToken);
    }

    /// <summary>Wraps a request in an <c>ml_sdk.serving.request</c> span (only when a listener is attached).</summary>
    private static async ValueTask<TResult> TraceAsync<TResult>(ModelClient client, ValueTask<TResult> pending, Func<TResult, int> version)
    {
        using System.Diagnostics.Activity? activity = ServingTelemetry.ActivitySource.StartActivity("ml_sdk.serving.request");
        activity?.SetTag(ServingTelemetry.ModelTag, client.ModelName);
        try
        {
            TResult result = await pending.ConfigureAwait(false);
            activity?.SetTag(ServingTelemetry.VersionTag, version(result));
            return result;
        }
        catch (Exception ex)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.Message);
            activity?.SetTag("error.type", ex.GetType().Name);
            throw;
        }
    }

    private async ValueTask<InferenceResult> InferSlowAsync<TInput, TOutput>(
        ReadOnlyMemory<TInput> input, Memory<TOutput> output, InferenceOptions options, CancellationToken cancellationToken)
        where TInput : unmanaged
        where TOutput : unmanaged
    {
        cancellationToken.ThrowIfCancellationRequested();
        ModelRoutes routes = await host.EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        return await Submit(routes, input, output, options, cancellationToken).ConfigureAwait(false);
    }

    private ValueTask<InferenceResult> Submit<TInput, TOutput>(
        ModelRoutes routes, ReadOnlyMemory<TInput> input, Memory<TOutput> output, InferenceOptions options, CancellationToken cancellationToken)
        where TInput : unmanaged
        where TOutput : unmanaged
    {
        SingleTensorRequest<TInput, TOutput> request;
        try
        {
            LoadedVersion version = Acquire(routes, options);
            int rows = Validated(version, static (v, lengths) => ValidateSingle<TInput, TOutput>(v, lengths.Input, lengths.Output), (Input: input.Length, Output: output.Length));
            request = SingleTensorRequest<TInput, TOutput>.Rent(version, rows, options, input, output);
        }
        catch (Exception ex)
        {
            return ValueTask.FromException<InferenceResult>(ex);
        }

        if (host.Cache is not null)
        {
            return SubmitCachedAsync(request, routes, options, cancellationToken);
        }

        Dispatch(request, routes, options, cancellationToken);
        return request.AsValueTask();
    }

    public ValueTask<InferenceResponse> InferAsync(InferenceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (CheckTimeout(request.Options) is Exception invalid)
        {
            return ValueTask.FromException<InferenceResponse>(invalid);
        }

        return ServingTelemetry.ActivitySource.HasListeners()
            ? TraceAsync(this, InferCoreAsync(request, cancellationToken), static r => r.Version)
            : InferCoreAsync(request, cancellationToken);
    }

    private async ValueTask<InferenceResponse> InferCoreAsync(InferenceRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        InferenceOptions options = request.Options ?? InferenceOptions.Default;
        ModelRoutes routes = host.Routes ?? await host.EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        LoadedVersion version = Acquire(routes, options);
        (RequestTensor[] inputs, OutputDestination?[] destinations, int rows) = Validated(version, ValidateGeneral, request);
        GeneralRequest pending = GeneralRequest.Create(version, rows, options, inputs, destinations);
        if (host.Cache is not null)
        {
            return await SubmitCachedAsync(pending, routes, options, cancellationToken).ConfigureAwait(false);
        }

        Dispatch(pending, routes, options, cancellationToken);
        return await pending.AsValueTask().ConfigureAwait(false);
    }

    public async ValueTask<ModelSignature> GetSignatureAsync(int? version = null, CancellationToken cancellationToken = default)
    {
        ModelRoutes routes = host.Routes ?? await host.EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        if (version is null)
        {
            return routes.Default.Signature;
        }

        return routes.Versions.TryGetValue(version.Value, out LoadedVersion? loaded)
            ? loaded.Signature
            : throw NotLoaded(version.Value);
    }

    private async ValueTask<TResult> SubmitCachedAsync<TResult>(
        AwaitedRequest<TResult> request, ModelRoutes routes, InferenceOptions options, CancellationToken cancellationToken)
    {
        LoadedVersion version = request.Version;
        string key = ResultCache.ComputeKey(version, request);
        byte[]? payload;
        try
        {
            payload = await host.Cache!.GetAsync(key, host.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex)
        {
            // Cancelled during the lookup: the request never ran; give back its lease and holds like any other.
            request.TryStart();
            request.Fail(ex);
            version.Release(request);
            return await request.AsValueTask().ConfigureAwait(false);
        }

        request.EnqueuedAt = timeProvider.GetTimestamp();
        if (payload is not null && CachedOutputs.TryRead(payload, version) is CachedOutputs cached)
        {
            version.CompleteFromCache(request, cached);
            return await request.AsValueTask().ConfigureAwait(false);
        }

        request.CacheKey = key;
        Dispatch(request, routes, options, cancellationToken);
        return await request.AsValueTask().ConfigureAwait(false);
    }

    /// <summary>Mirrors to the shadow, then runs the request inline if the version is idle, else queues it.</summary>
    private void Dispatch(PendingRequest request, ModelRoutes routes, InferenceOptions options, CancellationToken cancellationToken)
    {
        LoadedVersion version = request.Version;
        long now = timeProvider.GetTimestamp();
        request.EnqueuedAt = now;
        if (routes.ShouldMirror(options.RoutingKey))
        {
            Mirror(routes.Shadow!, request, now);
        }

        if (version.Batcher.TryRunInline(request))
        {
            return;
        }

        request.WatchCancellation(options.Timeout ?? host.RequestTimeout, timeProvider, cancellationToken);
        if (!version.Batcher.TryEnqueue(request, now))
        {
            // A request whose timeout or cancellation fired while it was being queued (a zero timeout, a token
            // cancelled meanwhile) has already been failed, and its caller is being woken: waking it twice would
            // complete a request that may already be back in its pool.
            if (request.TryStart())
            {
                CountFailure("queue_full");
                request.Fail(new ServingQueueFullException(
                    $"Model '{host.Name}' version {version.Version} has {version.Batcher.QueueLimit} requests queued (its limit); retry later.")
                {
                    ModelName = host.Name,
                    Version = version.Version,
                    QueueLimit = version.Batcher.QueueLimit,
                });
            }

            version.Release(request);
        }
    }

    private void Mirror(LoadedVersion shadow, PendingRequest original, long now)
    {
        if (shadow == original.Version || !shadow.TryAcquire())
        {
            return;
        }

        if (!SameInputs(shadow, original.Version) || original.Rows > shadow.MaxBatchSize)
        {
            shadow.ReleaseLease();
            return;
        }

        ShadowRequest copy = ShadowRequest.Copy(shadow, original);
        copy.ReleaseHold();
        bool queued = shadow.Batcher.TryEnqueue(copy, now);
        if (!queued)
        {
            shadow.Release(copy);
        }

        ServingTelemetry.ShadowRequests.Add(1,
            new(ServingTelemetry.ModelTag, host.Name),
            new(ServingTelemetry.VersionTag, shadow.VersionText),
            new("ml_sdk.shadow.outcome", queued ? "queued" : "dropped"));
    }

    private static bool SameInputs(LoadedVersion a, LoadedVersion b) =>
        a.Signature.Inputs.Length == b.Signature.Inputs.Length
        && a.Signature.Inputs.Zip(b.Signature.Inputs).All(static pair => pair.First.Equals(pair.Second));

    private LoadedVersion Acquire(ModelRoutes routes, InferenceOptions options)
    {
        while (true)
        {
            LoadedVersion version;
            if (options.Version is int explicitVersion)
            {
                if (!routes.Versions.TryGetValue(explicitVersion, out version!))
                {
                    CountFailure("not_loaded");
                    throw NotLoaded(explicitVersion);
                }
            }
            else
            {
                version = routes.Choose(options.RoutingKey);
            }

            if (version.TryAcquire())
            {
                return version;
            }

            // Swapped out between reading the routes and taking the lease: the new routes are already published.
            routes = host.Routes ?? throw new ModelNotServedException($"Model '{host.Name}' is no longer served.") { ModelName = host.Name };
        }
    }

    private static ArgumentOutOfRangeException? CheckTimeout(InferenceOptions? options) =>
        options?.Timeout is TimeSpan timeout && timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan
            ? new ArgumentOutOfRangeException(nameof(options), timeout, "InferenceOptions.Timeout must be zero or more (or Timeout.InfiniteTimeSpan).")
            : null;

    /// <summary>Validates a request against the version it was routed to; a refused request gives its lease back and is counted.</summary>
    private TResult Validated<TState, TResult>(LoadedVersion version, Func<LoadedVersion, TState, TResult> validate, TState state)
    {
        try
        {
            return validate(version, state);
        }
        catch
        {
            version.ReleaseLease();
            CountFailure("validation");
            throw;
        }
    }

    private ModelNotServedException NotLoaded(int version) =>
        new($"Model '{host.Name}' has no version {version} loaded (loaded: {string.Join(", ", host.Routes?.Versions.Keys.Order() ?? Enumerable.Empty<int>())}).")
        {
            ModelName = host.Name,
            Version = version,
        };

    private void CountFailure(string errorType) =>
        ServingTelemetry.Failures.Add(1, new(ServingTelemetry.ModelTag, host.Name), new("error.type", errorType));
}
