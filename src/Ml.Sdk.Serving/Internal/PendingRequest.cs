using Ml.Sdk.Core.Tensors;

namespace Ml.Sdk.Serving.Internal;

/// <summary>
/// A request inside the engine: its inputs as bytes, its rows and priority, and the state that decides, exactly once,
/// whether it runs or is cancelled while queued. Two parties hold it (the caller awaiting it and the engine that queued
/// it); it goes back to its pool when both have let go.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The timeout sources are disposed when the caller takes the result (StopWatching); requests are pooled, not disposed.")]
internal abstract class PendingRequest
{
    private const int Queued = 0;
    private const int Running = 1;
    private const int Finished = 2;

    private int _state;
    private int _holds;
    private CancellationTokenRegistration _registration;
    private CancellationTokenSource? _timeoutSource;
    private CancellationTokenSource? _linkedSource;
    private CancellationToken _callerToken;
    private TimeSpan _timeout;

    public LoadedVersion Version { get; private set; } = null!;

    public int Rows { get; private set; }

    public RequestPriority Priority { get; private set; }

    public string? RequestId { get; private set; }

    public long EnqueuedAt { get; set; }

    public string? CacheKey { get; set; }

    public bool IsShadow { get; protected set; }

    public abstract ReadOnlySpan<byte> GetInput(int index);

    /// <summary>Writes input <paramref name="index"/>'s shape.</summary>
    public virtual void GetInputShape(int index, Span<long> shape)
    {
        TensorSpec spec = Version.Signature.Inputs[index];
        for (int i = 0; i < shape.Length; i++)
        {
            shape[i] = spec.Shape[i] == TensorSpec.DynamicDimension ? Rows : spec.Shape[i];
        }
    }

    /// <summary>Copies this request's rows of the outputs to where the caller gets them (the caller is not woken yet).</summary>
    public abstract void SetOutputs(IOutputReader outputs, int rowOffset, bool fromCache);

    /// <summary>Records the error the caller gets (the caller is not woken yet).</summary>
    public abstract void SetError(Exception exception);

    /// <summary>Wakes the caller with what <see cref="SetOutputs"/> or <see cref="SetError"/> recorded; its continuation may run inline.</summary>
    public abstract void Signal();

    /// <summary>Records an error and wakes the caller at once.</summary>
    public void Fail(Exception exception)
    {
        SetError(exception);
        Signal();
    }

    public bool TryStart() => Interlocked.CompareExchange(ref _state, Running, Queued) == Queued;

    public bool IsQueued => Volatile.Read(ref _state) == Queued;

    protected void Initialize(LoadedVersion version, int rows, InferenceOptions options) => Initialize(version, rows, options.Priority, options.RequestId);

    protected void Initialize(LoadedVersion version, int rows, RequestPriority priority, string? requestId)
    {
        Version = version;
        Rows = rows;
        Priority = priority;
        RequestId = requestId;
        CacheKey = null;
        _state = Queued;
        _holds = 2;
        _callerToken = default;
        _timeout = default;
        _timeoutSource = null;
        _linkedSource = null;
        _registration = default;
    }

    /// <summary>Makes a cancellation or timeout that fires while the request is queued fail it at once.</summary>
    public void WatchCancellation(TimeSpan? timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        _callerToken = cancellationToken;
        CancellationToken token = cancellationToken;
        if (timeout is TimeSpan limit && limit != Timeout.InfiniteTimeSpan)
        {
            _timeout = limit;
            _timeoutSource = new CancellationTokenSource(limit, timeProvider);
            token = _timeoutSource.Token;
            if (cancellationToken.CanBeCanceled)
            {
                _linkedSource = CancellationTokenSource.CreateLinkedTokenSource(_timeoutSource.Token, cancellationToken);
                token = _linkedSource.Token;
            }
        }

        if (token.CanBeCanceled)
        {
            _registration = token.UnsafeRegister(static state => ((PendingRequest)state!).OnCancelled(), this);
        }
    }

    private void OnCancelled()
    {
        if (Interlocked.CompareExchange(ref _state, Finished, Queued) == Queued)
        {
            FailLater(CancellationError());
        }
    }

    /// <summary>
    /// Records the error and wakes the caller on a thread-pool thread: not on the thread that cancelled, nor under the
    /// queue's lock, since the caller's continuation runs inline when it is woken.
    /// </summary>
    private void FailLater(Exception exception)
    {
        SetError(exception);
        ThreadPool.UnsafeQueueUserWorkItem(static request => request.Signal(), this, preferLocal: false);
    }

    /// <summary>Stops listening for cancellation once the request has started or finished.</summary>
    protected void StopWatching()
    {
        _registration.Dispose();
        _registration = default;
        _linkedSource?.Dispose();
        _linkedSource = null;
        _timeoutSource?.Dispose();
        _timeoutSource = null;
    }

    /// <summary>The error for a request stopped before it ran.</summary>
    protected Exception CancellationError() =>
        _callerToken.IsCancellationRequested
            ? new OperationCanceledException($"The request to model '{Version.ModelName}' was cancelled before it ran.", _callerToken)
            : new InferenceTimeoutException(
                $"The request to model '{Version.ModelName}' version {Version.Version} waited longer than its timeout ({_timeout.TotalMilliseconds} ms) and never ran.")
            {
                ModelName = Version.ModelName,
                Timeout = _timeout,
            };

    /// <summary>Fails a request that timed out or was cancelled but was found before its callback ran.</summary>
    public bool TryCancelIfRequested()
    {
        if ((_callerToken.IsCancellationRequested || (_timeoutSource?.IsCancellationRequested ?? false))
            && Interlocked.CompareExchange(ref _state, Finished, Queued) == Queued)
        {
            FailLater(CancellationError());
            return true;
        }

        return false;
    }

    /// <summary>Lets go of one hold; the last one returns the request to its pool.</summary>
    public void ReleaseHold()
    {
        if (Interlocked.Decrement(ref _holds) == 0)
        {
            Version = null!;
            Recycle();
        }
    }

    protected abstract void Recycle();
}
