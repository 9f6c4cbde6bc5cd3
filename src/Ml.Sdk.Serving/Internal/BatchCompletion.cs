namespace Ml.Sdk.Serving.Internal;

/// <summary>
/// Wakes the callers of a finished batch on one thread-pool work item, off the batch loop: the loop can start the
/// next batch at once, and the callers' continuations run inline one after another (no work item per request), which
/// is what lets many callers of single rows keep the batches full.
/// </summary>
internal sealed class BatchCompletion : IThreadPoolWorkItem
{
    private PendingRequest[] _requests = [];
    private int _count;
    private IBatchRunner? _runner;
    private DynamicBatcher? _batcher;

    /// <summary>Wakes the callers: on this thread for a request run inline, else on a thread-pool work item.</summary>
    public static void Dispatch(ReadOnlySpan<PendingRequest> batch, IBatchRunner runner, DynamicBatcher batcher, bool inline)
    {
        if (inline)
        {
            foreach (PendingRequest request in batch)
            {
                request.Signal();
                runner.Release(request);
            }

            return;
        }

        BatchCompletion work = RequestPool<BatchCompletion>.Rent();
        if (work._requests.Length < batch.Length)
        {
            work._requests = new PendingRequest[Math.Max(batch.Length, 16)];
        }

        batch.CopyTo(work._requests);
        work._count = batch.Length;
        work._runner = runner;
        work._batcher = batcher;
        batcher.BeginWaking();
        ThreadPool.UnsafeQueueUserWorkItem(work, preferLocal: false);
    }

    public void Execute()
    {
        IBatchRunner runner = _runner!;
        for (int i = 0; i < _count; i++)
        {
            PendingRequest request = _requests[i];
            _requests[i] = null!;
            try
            {
                request.Signal();
            }
            finally
            {
                runner.Release(request);
            }
        }

        DynamicBatcher batcher = _batcher!;
        _count = 0;
        _runner = null;
        _batcher = null;
        RequestPool<BatchCompletion>.Return(this);
        batcher.EndWaking();
    }
}
