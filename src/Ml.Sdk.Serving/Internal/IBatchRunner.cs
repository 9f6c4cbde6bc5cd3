namespace Ml.Sdk.Serving.Internal;

/// <summary>What a <see cref="DynamicBatcher"/> hands its batches to (the version that owns it).</summary>
internal interface IBatchRunner
{
    /// <summary>Runs a batch and completes each request in it.</summary>
    void RunBatch(ReadOnlySpan<PendingRequest> batch, int rows, bool inline);

    /// <summary>Lets go of a request that left the queue without running (cancelled or timed out).</summary>
    void Release(PendingRequest request);
}
