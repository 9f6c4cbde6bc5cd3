using System.Runtime.InteropServices;
using Ml.Sdk.Core.Observability;
using Ml.Sdk.Core.Tensors;

namespace Ml.Sdk.Serving.Tests.TestSupport;

/// <summary>
/// An <see cref="IInferenceObserver"/> that copies every inference it sees (the event's tensors are only valid during
/// the call), in the order it sees them. Thread-safe; serving publishes from a background loop, so tests wait for
/// delivery with <see cref="WaitForCountAsync"/> or <see cref="WaitForRequestAsync"/>.
/// </summary>
public sealed class RecordingObserver : IInferenceObserver
{
    private static readonly TimeSpan s_defaultWait = TimeSpan.FromSeconds(30);
    private readonly Lock _gate = new();
    private readonly List<ObservedInference> _seen = [];

    /// <summary>Gets how many inferences have been seen so far.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _seen.Count;
            }
        }
    }

    /// <summary>Copies the inference.</summary>
    public void OnInference(in InferenceEvent inference)
    {
        var observed = new ObservedInference(
            inference.ModelName,
            inference.ModelVersion,
            inference.RequestId,
            Copy(inference.Inputs),
            Copy(inference.Outputs),
            inference.Latency,
            inference.Timestamp);
        lock (_gate)
        {
            _seen.Add(observed);
        }
    }

    /// <summary>Gets the inferences seen so far, in the order they were published.</summary>
    public IReadOnlyList<ObservedInference> Snapshot()
    {
        lock (_gate)
        {
            return [.. _seen];
        }
    }

    /// <summary>Waits (polling, bounded) until at least <paramref name="count"/> inferences have been seen.</summary>
    /// <exception cref="TimeoutException">They did not arrive within the bound.</exception>
    public async Task<IReadOnlyList<ObservedInference>> WaitForCountAsync(int count, TimeSpan? within = null)
    {
        DateTime deadline = DateTime.UtcNow + (within ?? s_defaultWait);
        while (true)
        {
            IReadOnlyList<ObservedInference> snapshot = Snapshot();
            if (snapshot.Count >= count)
            {
                return snapshot;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The observer saw {snapshot.Count} inference(s), not the {count} expected.");
            }

            await Task.Delay(5);
        }
    }

    /// <summary>Waits (polling, bounded) until the inference with this request id has been seen.</summary>
    /// <exception cref="TimeoutException">It did not arrive within the bound.</exception>
    public async Task<ObservedInference> WaitForRequestAsync(string requestId, TimeSpan? within = null)
    {
        DateTime deadline = DateTime.UtcNow + (within ?? s_defaultWait);
        while (true)
        {
            ObservedInference? found = Snapshot().FirstOrDefault(i => i.RequestId == requestId);
            if (found is not null)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The observer never saw request '{requestId}'.");
            }

            await Task.Delay(5);
        }
    }

    private static ObservedTensor[] Copy(IInferenceTensorSet tensors)
    {
        var copies = new ObservedTensor[tensors.Count];
        for (int i = 0; i < copies.Length; i++)
        {
            InferenceTensor tensor = tensors[i];
            long[] shape = new long[tensor.Lengths.Length];
            for (int d = 0; d < shape.Length; d++)
            {
                shape[d] = tensor.Lengths[d];
            }

            copies[i] = new ObservedTensor(tensor.Name, tensor.ElementType, shape, tensor.Data.ToArray());
        }

        return copies;
    }

    /// <summary>One inference as the observer saw it.</summary>
    public sealed record ObservedInference(
        string ModelName,
        string ModelVersion,
        string? RequestId,
        IReadOnlyList<ObservedTensor> Inputs,
        IReadOnlyList<ObservedTensor> Outputs,
        TimeSpan Latency,
        DateTimeOffset Timestamp)
    {
        /// <summary>Gets an input by name.</summary>
        public ObservedTensor Input(string name) => Inputs.Single(t => t.Name == name);

        /// <summary>Gets an output by name.</summary>
        public ObservedTensor Output(string name) => Outputs.Single(t => t.Name == name);
    }

    /// <summary>A copied tensor: name, element type, shape and raw bytes.</summary>
    public sealed record ObservedTensor(string Name, TensorElementType ElementType, IReadOnlyList<long> Shape, byte[] Data)
    {
        /// <summary>Gets the elements typed.</summary>
        public T[] GetData<T>()
            where T : unmanaged => MemoryMarshal.Cast<byte, T>(Data).ToArray();
    }
}
