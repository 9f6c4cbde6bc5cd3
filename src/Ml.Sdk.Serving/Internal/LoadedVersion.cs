using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Ml.Sdk.Core.Devices;
using Ml.Sdk.Core.Tensors;

namespace Ml.Sdk.Serving.Internal;

/// <summary>
/// One loaded, warmed-up version of a model: its session, executor and queue. Requests take a lease on it while they
/// are queued or running; once retired (swapped out), it is disposed when the last lease is returned, so requests
/// already running finish on it.
/// </summary>
internal sealed class LoadedVersion : IBatchRunner, IDisposable
{
    private readonly InferenceSession _session;
    private readonly IBatchExecutor _executor;
    private readonly InferenceObserverQueue _observers;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly KeyValuePair<string, object?> _modelTag;
    private readonly KeyValuePair<string, object?> _versionTag;
    private int _leases;
    private int _retired;
    private int _disposed;

    public LoadedVersion(
        string modelName,
        int version,
        string path,
        InferenceSession session,
        ComputeDevice device,
        int maxBatchSize,
        int maxQueueSize,
        TimeSpan maxQueueDelay,
        InferenceObserverQueue observers,
        ResultCache? cache,
        TimeProvider timeProvider,
        ILogger logger)
    {
        ModelName = modelName;
        Version = version;
        VersionText = version.ToString(CultureInfo.InvariantCulture);
        Path = path;
        _session = session;
        Device = device;
        Signature = OnnxSignatureReader.Read(session, modelName);
        IsStacked = StackedBatchExecutor.CanStack(Signature);
        MaxBatchSize = maxBatchSize;
        _executor = IsStacked ? new StackedBatchExecutor(session, Signature, maxBatchSize) : new SingleRequestExecutor(session, Signature);
        Batcher = new DynamicBatcher(this, MaxBatchSize, IsStacked, maxQueueSize, maxQueueDelay);
        Cache = cache;
        _observers = observers;
        _timeProvider = timeProvider;
        _logger = logger;
        _modelTag = new(ServingTelemetry.ModelTag, modelName);
        _versionTag = new(ServingTelemetry.VersionTag, VersionText);
        InputRowElements = [.. Signature.Inputs.Select(static s => RowElements(s))];
        OutputRowElements = [.. Signature.Outputs.Select(static s => RowElements(s))];
    }

    public string ModelName { get; }

    public int Version { get; }

    public string VersionText { get; }

    public string Path { get; }

    public ComputeDevice Device { get; }

    public ModelSignature Signature { get; }

    public bool IsStacked { get; }

    /// <summary>Gets the most rows one request may carry.</summary>
    public int MaxBatchSize { get; }

    public DynamicBatcher Batcher { get; }

    public ResultCache? Cache { get; }

    /// <summary>Gets, per input, the elements in one row (-1 when a non-batch dimension is dynamic).</summary>
    public long[] InputRowElements { get; }

    /// <summary>Gets, per output, the elements in one row (-1 when a non-batch dimension is dynamic).</summary>
    public long[] OutputRowElements { get; }

    public int InFlight => Volatile.Read(ref _leases);

    public bool IsRetired => Volatile.Read(ref _retired) != 0;

    public void WarmUp(int runs) => _executor.WarmUp(runs, MaxBatchSize);

    public bool TryAcquire()
    {
        Interlocked.Increment(ref _leases);
        if (Volatile.Read(ref _retired) != 0)
        {
            ReleaseLease();
            return false;
        }

        return true;
    }

    public void ReleaseLease()
    {
        if (Interlocked.Decrement(ref _leases) == 0 && Volatile.Read(ref _retired) != 0)
        {
            Dispose();
        }
    }

    /// <summary>Stops new requests; disposes now if none is in flight, else when the last one finishes.</summary>
    public void Retire()
    {
        if (Interlocked.Exchange(ref _retired, 1) != 0)
        {
            return;
        }

        ServingLog.VersionRetired(_logger, ModelName, Version, InFlight);
        if (Volatile.Read(ref _leases) == 0)
        {
            Dispose();
        }
    }

    public void RunBatch(ReadOnlySpan<PendingRequest> batch, int rows, bool inline)
    {
        long start = _timeProvider.GetTimestamp();
        using Activity? activity = ServingTelemetry.ActivitySource.HasListeners()
            ? ServingTelemetry.ActivitySource.StartActivity("ml_sdk.serving.batch")
            : null;
        activity?.SetTag(ServingTelemetry.ModelTag, ModelName).SetTag(ServingTelemetry.VersionTag, VersionText).SetTag("ml_sdk.batch.rows", rows);
        if (!inline && ServingTelemetry.QueueWait.Enabled)
        {
            foreach (PendingRequest request in batch)
            {
                ServingTelemetry.QueueWait.Record(_timeProvider.GetElapsedTime(request.EnqueuedAt, start).TotalSeconds, _modelTag, _versionTag);
            }
        }

        try
        {
            _executor.Run(batch, rows);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            ServingLog.BatchFailed(_logger, ex, ModelName, Version, rows);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            var error = new InvalidOperationException(
                $"Model '{ModelName}' version {Version} failed to run a batch of {rows} row(s): {ex.Message}", ex);
            foreach (PendingRequest request in batch)
            {
                if (!request.IsShadow)
                {
                    ServingTelemetry.Failures.Add(1, _modelTag, _versionTag, new("error.type", "execution"));
                }

                request.SetError(error);
            }

            BatchCompletion.Dispatch(batch, this, Batcher, inline);
            return;
        }

        long end = _timeProvider.GetTimestamp();
        ServingTelemetry.ComputeDuration.Record(_timeProvider.GetElapsedTime(start, end).TotalSeconds, _modelTag, _versionTag);
        ServingTelemetry.BatchSize.Record(rows, _modelTag, _versionTag);
        int offset = 0;
        foreach (PendingRequest request in batch)
        {
            TimeSpan latency = _timeProvider.GetElapsedTime(request.EnqueuedAt, end);
            // Observers and the cache read the caller's inputs: copy them before the caller is released.
            if (_observers.IsActive)
            {
                _observers.Capture(this, request, _executor, offset, latency);
            }

            if (request.CacheKey is string key)
            {
                Cache!.Store(key, this, _executor, offset, request.Rows);
            }

            if (!request.IsShadow && (ServingTelemetry.Requests.Enabled || ServingTelemetry.RequestDuration.Enabled))
            {
                ServingTelemetry.Requests.Add(1, _modelTag, _versionTag);
                ServingTelemetry.RequestDuration.Record(latency.TotalSeconds, _modelTag, _versionTag);
            }

            request.SetOutputs(_executor, offset, fromCache: false);
            offset += request.Rows;
        }

        BatchCompletion.Dispatch(batch, this, Batcher, inline);
    }

    public void Release(PendingRequest request)
    {
        request.ReleaseHold();
        ReleaseLease();
    }

    /// <summary>Completes a request from cached outputs without running the model.</summary>
    public void CompleteFromCache(PendingRequest request, CachedOutputs outputs)
    {
        ServingTelemetry.Requests.Add(1, _modelTag, _versionTag);
        if (_observers.IsActive)
        {
            _observers.Capture(this, request, outputs, 0, _timeProvider.GetElapsedTime(request.EnqueuedAt));
        }

        request.TryStart();
        request.SetOutputs(outputs, 0, fromCache: true);
        request.Signal();
        Release(request);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Batcher.Stop();
        _executor.Dispose();
        _session.Dispose();
    }

    private static long RowElements(TensorSpec spec)
    {
        long elements = 1;
        for (int i = 1; i < spec.Rank; i++)
        {
            if (spec.Shape[i] < 0)
            {
                return -1;
            }

            elements *= spec.Shape[i];
        }

        return elements;
    }
}
