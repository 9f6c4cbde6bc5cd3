using System.Buffers;
using System.Collections.Immutable;
using System.Threading.Tasks.Sources;
using Ml.Sdk.Core.Tensors;

namespace Ml.Sdk.Serving.Internal;

/// <summary>A request with named inputs; outputs go to pooled buffers or to the caller's buffers.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The response is handed to the caller, who owns and disposes it.")]
internal sealed class GeneralRequest : PendingRequest, IValueTaskSource<InferenceResponse>
{
    private ManualResetValueTaskSourceCore<InferenceResponse> _core = new() { RunContinuationsAsynchronously = false };
    private RequestTensor[] _inputs = [];
    private OutputDestination?[] _destinations = [];
    private InferenceResponse? _result;
    private Exception? _error;

    public static GeneralRequest Create(LoadedVersion version, int rows, InferenceOptions options, RequestTensor[] inputsBySignature, OutputDestination?[] destinations)
    {
        var request = new GeneralRequest();
        request.Initialize(version, rows, options);
        request._inputs = inputsBySignature;
        request._destinations = destinations;
        return request;
    }

    public ValueTask<InferenceResponse> AsValueTask() => new(this, _core.Version);

    public override ReadOnlySpan<byte> GetInput(int index) => _inputs[index].Bytes;

    public override void GetInputShape(int index, Span<long> shape) => _inputs[index].Shape.CopyTo(shape);

    public override void SetOutputs(IOutputReader outputs, int rowOffset, bool fromCache)
    {
        ImmutableArray<TensorSpec> specs = Version.Signature.Outputs;
        var results = new InferenceOutput[specs.Length];
        Span<long> shape = stackalloc long[16];
        for (int i = 0; i < specs.Length; i++)
        {
            ReadOnlySpan<byte> bytes = outputs.GetRows(i, rowOffset, Rows);
            int rank = outputs.GetRank(i);
            Span<long> outputShape = rank <= shape.Length ? shape[..rank] : new long[rank];
            outputs.GetShape(i, Rows, outputShape);
            ImmutableArray<long> frozen = [.. outputShape];
            OutputDestination? destination = _destinations[i];
            if (destination is not null)
            {
                if (destination.Bytes.Length < bytes.Length)
                {
                    SetError(new TensorValidationException(specs[i].Name,
                        $"The buffer for output '{specs[i].Name}' holds {destination.Bytes.Length} bytes but the output needs {bytes.Length} ({specs[i]})."));
                    ReleaseOutputs(results);
                    return;
                }

                bytes.CopyTo(destination.Bytes);
                results[i] = new InferenceOutput(specs[i].Name, specs[i].ElementType, frozen, destination, bytes.Length);
            }
            else
            {
                byte[] pooled = ArrayPool<byte>.Shared.Rent(Math.Max(bytes.Length, 1));
                bytes.CopyTo(pooled);
                results[i] = new InferenceOutput(specs[i].Name, specs[i].ElementType, frozen, pooled, bytes.Length);
            }
        }

        _result = new InferenceResponse(Version.ModelName, Version.Version, results, fromCache);
        _error = null;
    }

    private static void ReleaseOutputs(InferenceOutput[] outputs)
    {
        foreach (InferenceOutput? output in outputs)
        {
            output?.Release();
        }
    }

    public override void SetError(Exception exception) => _error = exception;

    public override void Signal()
    {
        if (_error is Exception error)
        {
            _result?.Dispose();
            _core.SetException(error);
        }
        else
        {
            _core.SetResult(_result!);
        }
    }

    public InferenceResponse GetResult(short token)
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
        _inputs = [];
        _destinations = [];
    }
}
