using System.Diagnostics;

namespace Ml.Sdk.Serving.Internal;

/// <summary>
/// One version's request queue and batch loop. At most one batch runs at a time. A request that finds the version idle
/// and nothing queued runs at once on the caller's thread (a lone request never waits for a window); requests that
/// arrive while a batch is running queue up (high priority first) and the next batch takes as many as fit in
/// <c>maxRows</c>. Under concurrent load the loop may wait up to the queue delay for a batch to fill.
/// </summary>
internal sealed class DynamicBatcher
{
    private readonly Lock _lock = new();
    private readonly Queue<PendingRequest> _high = new();
    private readonly Queue<PendingRequest> _normal = new();
    private readonly IBatchRunner _runner;
    private readonly int _maxRows;
    private readonly int _maxRequestsPerRun;
    private readonly int _maxQueue;
    private readonly long _delayTicks;
    private readonly PendingRequest[] _batch;
    private readonly List<PendingRequest> _dropped = [];
    private int _queued;
    private int _busy;
    private int _lastBatchCount;
    private int _waking;
    private int _kickArmed;
    private readonly int _pipelineThreshold;
    private readonly ITimer _kick;
    private static readonly TimeSpan KickDelay = TimeSpan.FromMilliseconds(2);

    public DynamicBatcher(IBatchRunner runner, int maxRows, bool stacked, int maxQueue, TimeSpan maxDelay)
    {
        _runner = runner;
        _maxRows = maxRows;
        _maxRequestsPerRun = stacked ? maxRows : 1;
        _maxQueue = maxQueue;
        _delayTicks = (long)(maxDelay.TotalSeconds * Stopwatch.Frequency);
        _batch = new PendingRequest[_maxRequestsPerRun];
        _pipelineThreshold = Math.Max(1, _maxRequestsPerRun / 2);
        _kick = TimeProvider.System.CreateTimer(static state => ((DynamicBatcher)state!).Kick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private void Kick()
    {
        Volatile.Write(ref _kickArmed, 0);
        if (Volatile.Read(ref _queued) != 0 && Interlocked.CompareExchange(ref _busy, 1, 0) == 0)
        {
            Drain();
        }
    }

    /// <summary>Stops the safety-net timer (the version is being disposed).</summary>
    public void Stop() => _kick.Dispose();

    public int QueueLength => Volatile.Read(ref _queued);

    public int QueueLimit => _maxQueue;

    /// <summary>Marks callers of a batch as being woken (their next requests will come from a thread-pool thread).</summary>
    public void BeginWaking()
    {
        lock (_lock)
        {
            _waking++;
        }
    }

    /// <summary>Marks the callers of a batch as woken, and runs the next batch on this thread if requests are waiting.</summary>
    public void EndWaking()
    {
        bool lastWaker;
        bool queued;
        lock (_lock)
        {
            // Under the queue's lock, paired with TryEnqueue's read of _waking: either the enqueuer sees the waking
            // over and starts the loop, or this sees its request and runs it.
            lastWaker = --_waking == 0;
            queued = _queued != 0;
        }

        if (lastWaker && queued && Interlocked.CompareExchange(ref _busy, 1, 0) == 0)
        {
            Drain();
        }
    }

    /// <summary>
    /// Runs the request at once on this thread if the version is idle: nothing queued or running, no callers of the last
    /// batch still being woken, and that batch held a single request (so there is no concurrent load to batch with).
    /// </summary>
    public bool TryRunInline(PendingRequest request)
    {
        if (Volatile.Read(ref _queued) != 0 || Volatile.Read(ref _lastBatchCount) > 1 || Volatile.Read(ref _waking) != 0
            || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            return false;
        }

        try
        {
            request.TryStart();
            _runner.RunBatch(new ReadOnlySpan<PendingRequest>(ref request), request.Rows, inline: true);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
            if (Volatile.Read(ref _queued) != 0 && Interlocked.CompareExchange(ref _busy, 1, 0) == 0)
            {
                Schedule();
            }
        }

        return true;
    }

    /// <summary>Queues the request; the batch loop runs it.</summary>
    /// <returns><see langword="false"/> when the queue is full (the request was not queued).</returns>
    public bool TryEnqueue(PendingRequest request, long timestamp)
    {
        bool waking;
        lock (_lock)
        {
            if (_queued >= _maxQueue)
            {
                return false;
            }

            request.EnqueuedAt = timestamp;
            (request.Priority == RequestPriority.High ? _high : _normal).Enqueue(request);
            _queued++;
            waking = _waking != 0;
        }

        // While the callers of the last batch are being woken, the waking thread drains when it is done (and this
        // request joins their batch); otherwise start the loop.
        if (!waking)
        {
            if (Interlocked.CompareExchange(ref _busy, 1, 0) == 0)
            {
                Schedule();
            }
        }
        else if (Interlocked.CompareExchange(ref _kickArmed, 1, 0) == 0)
        {
            // Safety net: a caller that blocks inside its continuation (sync over async) must not stall the queue.
            _kick.Change(KickDelay, Timeout.InfiniteTimeSpan);
        }

        return true;
    }

    private void Schedule() => ThreadPool.UnsafeQueueUserWorkItem(static batcher => batcher.Drain(), this, preferLocal: false);

    private void Drain()
    {
        while (true)
        {
            int count = Take(0, 0, out int rows);
            if (count == 0)
            {
                Volatile.Write(ref _busy, 0);
                if (Volatile.Read(ref _queued) != 0 && Interlocked.CompareExchange(ref _busy, 1, 0) == 0)
                {
                    continue;
                }

                return;
            }

            if (_lastBatchCount > 1 && _delayTicks > 0 && count < _lastBatchCount && rows < _maxRows)
            {
                // Under concurrent load, wait (up to the queue delay) for as many requests as the last batch had: the
                // callers of that batch are about to send their next requests.
                long deadline = Stopwatch.GetTimestamp() + _delayTicks;
                int target = _lastBatchCount - count;
                var spinner = default(SpinWait);
                while (Volatile.Read(ref _queued) < target && Stopwatch.GetTimestamp() < deadline)
                {
                    spinner.SpinOnce(sleep1Threshold: -1);
                }

                count = Take(count, rows, out rows);
            }

            _lastBatchCount = count;
            try
            {
                _runner.RunBatch(_batch.AsSpan(0, count), rows, inline: false);
            }
            finally
            {
                Array.Clear(_batch, 0, count);
            }

            if (Volatile.Read(ref _waking) != 0 && Volatile.Read(ref _queued) < _pipelineThreshold)
            {
                // The thread waking this batch's callers runs the next batch once they have sent their next requests.
                // (With half a batch or more already waiting, this loop runs it now, while they are being woken.)
                Volatile.Write(ref _busy, 0);
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref _waking) != 0 || Volatile.Read(ref _queued) == 0 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
                {
                    return;
                }
            }
        }
    }

    private int Take(int count, int rows, out int totalRows)
    {
        lock (_lock)
        {
            count = TakeFrom(_high, count, ref rows);
            count = TakeFrom(_normal, count, ref rows);
        }

        foreach (PendingRequest dropped in _dropped)
        {
            _runner.Release(dropped);
        }

        _dropped.Clear();
        totalRows = rows;
        return count;
    }

    private int TakeFrom(Queue<PendingRequest> queue, int count, ref int rows)
    {
        while (count < _maxRequestsPerRun && queue.TryPeek(out PendingRequest? next))
        {
            if (!next.IsQueued || next.TryCancelIfRequested())
            {
                queue.Dequeue();
                _queued--;
                _dropped.Add(next);
                continue;
            }

            if (count > 0 && rows + next.Rows > _maxRows)
            {
                break;
            }

            queue.Dequeue();
            _queued--;
            if (!next.TryStart())
            {
                _dropped.Add(next);
                continue;
            }

            _batch[count++] = next;
            rows += next.Rows;
        }

        return count;
    }
}
