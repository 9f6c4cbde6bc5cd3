using System.Threading.Tasks.Sources;

namespace Ml.Sdk.Serving.Internal;

/// <summary>
/// A request a caller awaits: the result or error recorded by the engine, handed over through a reusable
/// <see cref="IValueTaskSource{TResult}"/> (no allocation per await). Continuations run inline on the thread that wakes
/// the caller, which is never the batch loop nor under the queue's lock.
/// </summary>
internal abstract class AwaitedRequest<TResult> : PendingRequest, IValueTaskSource<TResult>
{
    private ManualResetValueTaskSourceCore<TResult> _core = new() { RunContinuationsAsynchronously = false };
    private TResult? _result;
    private Exception? _error;

    public ValueTask<TResult> AsValueTask() => new(this, _core.Version);

    public override void SetError(Exception exception) => _error = exception;

    public override void Signal()
    {
        if (_error is Exception error)
        {
            OnFailed(_result);
            _core.SetException(error);
        }
        else
        {
            _core.SetResult(_result!);
        }
    }

    public TResult GetResult(short token)
    {
        StopWatching();
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            ReleaseHold();
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    /// <summary>Records the result the caller gets (the caller is not woken yet).</summary>
    protected void SetResult(TResult result)
    {
        _result = result;
        _error = null;
    }

    /// <summary>Readies the request for another use: a new await token and no result.</summary>
    protected void ResetCompletion()
    {
        _core.Reset();
        _result = default;
        _error = null;
    }

    /// <summary>Lets go of a result that was made before the request failed after all.</summary>
    protected virtual void OnFailed(TResult? partial)
    {
    }
}
