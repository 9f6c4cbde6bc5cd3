using System.Runtime.InteropServices;

namespace Ml.Sdk.Serving.Internal;

/// <summary>The allocation-free path: one input from the caller's memory, one output into the caller's buffer.</summary>
internal sealed class SingleTensorRequest<TInput, TOutput> : AwaitedRequest<InferenceResult>
    where TInput : unmanaged
    where TOutput : unmanaged
{
    private ReadOnlyMemory<TInput> _input;
    private Memory<TOutput> _output;

    public static SingleTensorRequest<TInput, TOutput> Rent(LoadedVersion version, int rows, InferenceOptions options, ReadOnlyMemory<TInput> input, Memory<TOutput> output)
    {
        SingleTensorRequest<TInput, TOutput> request = RequestPool<SingleTensorRequest<TInput, TOutput>>.Rent();
        request.Initialize(version, rows, options);
        request._input = input;
        request._output = output;
        request.ResetCompletion();
        return request;
    }

    public override ReadOnlySpan<byte> GetInput(int index) => MemoryMarshal.AsBytes(_input.Span);

    public override void SetOutputs(IOutputReader outputs, int rowOffset, bool fromCache)
    {
        ReadOnlySpan<byte> rows = outputs.GetRows(0, rowOffset, Rows);
        rows.CopyTo(MemoryMarshal.AsBytes(_output.Span));
        SetResult(new InferenceResult(Version.ModelName, Version.Version, Rows, fromCache));
    }

    protected override void Recycle()
    {
        _input = default;
        _output = default;
        ResetCompletion();
        RequestPool<SingleTensorRequest<TInput, TOutput>>.Return(this);
    }
}
