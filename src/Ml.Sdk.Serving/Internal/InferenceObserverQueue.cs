using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Ml.Sdk.Core.Observability;
using Ml.Sdk.Core.Tensors;

namespace Ml.Sdk.Serving.Internal;

/// <summary>
/// Hands completed inferences to the <see cref="IInferenceObserver"/>s without blocking the serving path: the batch
/// loop copies the tensors into pooled buffers and queues them; one background loop publishes them. When the queue
/// is full the inference is dropped for the observers (and counted), never delayed.
/// </summary>
internal sealed class InferenceObserverQueue : IAsyncDisposable, IDisposable
{
    private readonly InferencePublisher _publisher;
    private readonly TimeProvider _timeProvider;
    private readonly Channel<CapturedInference>? _channel;
    private readonly Task _loop = Task.CompletedTask;
    private long _dropped;
    private long _pending;

    public InferenceObserverQueue(InferencePublisher publisher, TimeProvider timeProvider, int capacity)
    {
        _publisher = publisher;
        _timeProvider = timeProvider;
        if (publisher.HasObservers)
        {
            _channel = Channel.CreateBounded<CapturedInference>(new BoundedChannelOptions(capacity)
            {
                SingleReader = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
            _loop = Task.Run(PublishLoopAsync);
        }
    }

    public bool IsActive => _channel is not null;

    public long DroppedCount => Interlocked.Read(ref _dropped);

    public void Capture(LoadedVersion version, PendingRequest request, IOutputReader outputs, int rowOffset, TimeSpan latency)
    {
        if (_channel is null)
        {
            return;
        }

        CapturedInference captured = RequestPool<CapturedInference>.Rent();
        captured.ModelName = version.ModelName;
        captured.Version = version.VersionText;
        captured.RequestId = request.RequestId;
        captured.Latency = latency;
        captured.Timestamp = _timeProvider.GetUtcNow();
        Span<long> shape = stackalloc long[16];
        for (int i = 0; i < version.Signature.Inputs.Length; i++)
        {
            TensorSpec spec = version.Signature.Inputs[i];
            Span<long> lengths = spec.Rank <= shape.Length ? shape[..spec.Rank] : new long[spec.Rank];
            request.GetInputShape(i, lengths);
            captured.Inputs.Add(spec.Name, spec.ElementType, lengths, request.GetInput(i));
        }

        for (int i = 0; i < version.Signature.Outputs.Length; i++)
        {
            TensorSpec spec = version.Signature.Outputs[i];
            int rank = outputs.GetRank(i);
            Span<long> lengths = rank <= shape.Length ? shape[..rank] : new long[rank];
            outputs.GetShape(i, request.Rows, lengths);
            captured.Outputs.Add(spec.Name, spec.ElementType, lengths, outputs.GetRows(i, rowOffset, request.Rows));
        }

        Interlocked.Increment(ref _pending);
        if (!_channel.Writer.TryWrite(captured))
        {
            Interlocked.Decrement(ref _pending);
            Interlocked.Increment(ref _dropped);
            ServingTelemetry.ObserverDrops.Add(1, new KeyValuePair<string, object?>(ServingTelemetry.ModelTag, version.ModelName));
            Recycle(captured);
        }
    }

    private async Task PublishLoopAsync()
    {
        ChannelReader<CapturedInference> reader = _channel!.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out CapturedInference? captured))
            {
                Publish(captured);
                Recycle(captured);
                Interlocked.Decrement(ref _pending);
            }
        }
    }

    private void Publish(CapturedInference captured) =>
        _publisher.Publish(new InferenceEvent(
            captured.ModelName, captured.Version, captured.RequestId, captured.Inputs, captured.Outputs, captured.Latency, captured.Timestamp));

    private static void Recycle(CapturedInference captured)
    {
        captured.Clear();
        RequestPool<CapturedInference>.Return(captured);
    }

    /// <summary>Waits until every inference queued so far has been published (tests and shutdown).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_channel is null)
        {
            return;
        }

        while (Interlocked.Read(ref _pending) > 0)
        {
            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        _channel?.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }
}
