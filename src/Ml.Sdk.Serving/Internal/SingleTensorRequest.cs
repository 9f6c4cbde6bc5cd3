using System.Runtime.InteropServices;
using System.Threading.Tasks.Sources;

namespace Ml.Sdk.Serving.Internal;

/// <summary>The allocation-free path: one input from the caller's memory, one output into the caller's buffer.</summary>
internal sealed class SingleTensorRequest<TInput, TOutput> : PendingRequest, IValueTaskSource<InferenceResult>
    where TInput : unmanaged
    where TOutput : unmanaged
{
    private ManualResetValueTaskSourceCore<InferenceResult> _core = new() { RunContinuationsAsynchronously = false };
    private ReadOnlyMemory<TInput> _input;
    private Memory<TOutput> _output;
    private InferenceResult _result;
    private Exception? _error;

    public static SingleTensorRequest<TInput, TOutput> Rent(LoadedVersion version, int rows, InferenceOptions options, ReadOnlyMemory<TInput> input, Memory<TOutput> output)
    {
        SingleTensorRequest<TInput, TOutput> request = RequestPool<SingleTensorRequest<TInput, TOutput>>.Rent();
        request.Initialize(version, rows, options);
        request._input = input;
        request._output = output;
        request._core.Reset();
        return request;
    }

    public ValueTask<InferenceResult> AsValueTask() => new(this, _core.Version);

    public override ReadOnlySpan<byte> GetInput(int index) => MemoryMarshal.AsBytes(_input.Span);

    public override void SetOutputs(IOutputReader outputs, int rowOffset, bool fromCache)
    {
        ReadOnlySpan<byte> rows = outputs.GetRows(0, rowOffset, Rows);
        rows.CopyTo(MemoryMarshal.AsBytes(_output.Span));
        _result = new InferenceResult(Version.ModelName, Version.Version, Rows, fromCache);
        _error = null;
    }

    public override void SetError(Exception exception) => _error = exception;

    public override void Signal()
    {
        if (_error is Exception error)
        {
            _core.SetException(error);
        }
        else
        {
            _core.SetResult(_result);
        }
    }

    public InferenceResult GetResult(short token)
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

    protected override void Recycle()
    {
        _input = default;
        _output = default;
        _result = default;
        _error = null;
        RequestPool<SingleTensorRequest<TInput, TOutput>>.Return(this);
    }
}
