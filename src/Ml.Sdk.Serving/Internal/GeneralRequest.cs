using System.Buffers;
using System.Collections.Immutable;
using Ml.Sdk.Core.Tensors;

namespace Ml.Sdk.Serving.Internal;

/// <summary>A request with named inputs; outputs go to pooled buffers or to the caller's buffers.</summary>
internal sealed class GeneralRequest : AwaitedRequest<InferenceResponse>
{
    private RequestTensor[] _inputs = [];
    private OutputDestination?[] _destinations = [];

    public static GeneralRequest Create(LoadedVersion version, int rows, InferenceOptions options, RequestTensor[] inputsBySignature, OutputDestination?[] destinations)
    {
        var request = new GeneralRequest();
        request.Initialize(version, rows, options);
        request._inputs = inputsBySignature;
        request._destinations = destinations;
        return request;
    }

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

        SetResult(new InferenceResponse(Version.ModelName, Version.Version, results, fromCache));
    }

    private static void ReleaseOutputs(InferenceOutput[] outputs)
    {
        foreach (InferenceOutput? output in outputs)
        {
            output?.Release();
        }
    }

    protected override void OnFailed(InferenceResponse? partial) => partial?.Dispose();

    protected override void Recycle()
    {
        _inputs = [];
        _destinations = [];
    }
}
