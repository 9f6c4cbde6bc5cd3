using System.Buffers;

namespace Ml.Sdk.Serving.Internal;

/// <summary>
/// A mirrored copy of a request for a shadow version: it owns copies of the inputs (the caller's memory may be gone by
/// the time it runs), and its outputs only reach the observers and metrics.
/// </summary>
internal sealed class ShadowRequest : PendingRequest
{
    private byte[][] _inputs = [];
    private int[] _lengths = [];
    private long[][] _shapes = [];

    public static ShadowRequest Copy(LoadedVersion shadow, PendingRequest original)
    {
        var request = new ShadowRequest { IsShadow = true };
        // The caller's request id goes with the copy: it is how observers pair the shadow's output with the answer
        // (and join delayed labels to it).
        request.Initialize(shadow, original.Rows, RequestPriority.Normal, original.RequestId);
        int count = original.Version.Signature.Inputs.Length;
        request._inputs = new byte[count][];
        request._lengths = new int[count];
        request._shapes = new long[count][];
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> bytes = original.GetInput(i);
            byte[] copy = ArrayPool<byte>.Shared.Rent(Math.Max(bytes.Length, 1));
            bytes.CopyTo(copy);
            request._inputs[i] = copy;
            request._lengths[i] = bytes.Length;
            long[] shape = new long[original.Version.Signature.Inputs[i].Rank];
            original.GetInputShape(i, shape);
            request._shapes[i] = shape;
        }

        return request;
    }

    public override ReadOnlySpan<byte> GetInput(int index) => _inputs[index].AsSpan(0, _lengths[index]);

    public override void GetInputShape(int index, Span<long> shape) => _shapes[index].CopyTo(shape);

    // The outputs already went to the observers and metrics; nobody awaits a shadow request.
    public override void SetOutputs(IOutputReader outputs, int rowOffset, bool fromCache)
    {
    }

    public override void SetError(Exception exception)
    {
    }

    public override void Signal()
    {
    }

    protected override void Recycle()
    {
        foreach (byte[] input in _inputs)
        {
            ArrayPool<byte>.Shared.Return(input);
        }

        _inputs = [];
    }
}
