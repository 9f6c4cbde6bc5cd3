using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Ml.Sdk.Core.Observability;
using Ml.Sdk.Core.Tensors;

namespace Ml.Sdk.Core.Tests.Observability;

public class InferencePublisherTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Publish_NoObservers_AllocatesNothing()
    {
        var publisher = new InferencePublisher([]);
        var inputs = new ArrayTensorSet("features", [1f, 2f, 3f, 4f]);
        var outputs = new ArrayTensorSet("score", [0.9f]);
        Publish(publisher, inputs, outputs); // warm up

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            Publish(publisher, inputs, outputs);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(publisher.HasObservers);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Publish_WithObserver_AllocatesNothingAndDeliversTheEvent()
    {
        var observer = new SummingObserver();
        var publisher = new InferencePublisher([observer]);
        var inputs = new ArrayTensorSet("features", [1f, 2f, 3f, 4f]);
        var outputs = new ArrayTensorSet("score", [0.5f]);
        Publish(publisher, inputs, outputs); // warm up

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            Publish(publisher, inputs, outputs);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(publisher.HasObservers);
        Assert.Equal(0, allocated);
        Assert.Equal(1001, observer.Calls);
        Assert.Equal(1001 * 10.0, observer.InputSum, 6);
        Assert.Equal(1001 * 0.5, observer.OutputSum, 6);
        Assert.Equal("fraud/3", observer.LastModel);
        Assert.Equal(TimeSpan.FromMilliseconds(2), observer.LastLatency);
    }

    [Fact]
    public void Publish_ObserverThrows_LogsCountsAndStillCallsTheNext()
    {
        var logger = new FakeLogger<InferencePublisher>();
        var after = new SummingObserver();
        var publisher = new InferencePublisher([new ThrowingObserver(), after], logger);

        Publish(publisher, new ArrayTensorSet("features", [1f]), new ArrayTensorSet("score", [1f]));

        Assert.Equal(1, after.Calls);
        Assert.Equal(1, publisher.FailureCount);
        FakeLogRecord record = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Error, record.Level);
        Assert.Contains("ThrowingObserver", record.Message, StringComparison.Ordinal);
        Assert.Contains("fraud", record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InferenceTensor_GetDataOfWrongType_Throws()
    {
        var set = new ArrayTensorSet("features", [1f, 2f]);

        Assert.Throws<TensorValidationException>(() => set[0].GetData<double>().Length);
        Assert.Equal(2, set[0].GetData<float>().Length);
        Assert.Equal([2], set[0].Lengths.ToArray());
    }

    private static void Publish(InferencePublisher publisher, ArrayTensorSet inputs, ArrayTensorSet outputs)
    {
        if (!publisher.HasObservers)
        {
            return;
        }

        publisher.Publish(new InferenceEvent("fraud", "3", null, inputs, outputs, TimeSpan.FromMilliseconds(2), s_now));
    }

    private sealed class ArrayTensorSet(string name, float[] data) : IInferenceTensorSet
    {
        private readonly nint[] _lengths = [data.Length];

        public int Count => 1;

        public InferenceTensor this[int index]
        {
            get
            {
                ArgumentOutOfRangeException.ThrowIfNotEqual(index, 0);
                return new InferenceTensor(name, TensorElementType.Float32, _lengths, System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.AsSpan()));
            }
        }
    }

    private sealed class SummingObserver : IInferenceObserver
    {
        public int Calls { get; private set; }

        public double InputSum { get; private set; }

        public double OutputSum { get; private set; }

        public string LastModel { get; private set; } = string.Empty;

        public TimeSpan LastLatency { get; private set; }

        public void OnInference(in InferenceEvent inference)
        {
            Calls++;
            foreach (float value in inference.Inputs[0].GetData<float>())
            {
                InputSum += value;
            }

            foreach (float value in inference.Outputs[0].GetData<float>())
            {
                OutputSum += value;
            }

            // Strings are interned literals here, so this keeps the zero-allocation check honest.
            LastModel = ReferenceEquals(inference.ModelName, "fraud") && ReferenceEquals(inference.ModelVersion, "3") ? "fraud/3" : "other";
            LastLatency = inference.Latency;
        }
    }

    private sealed class ThrowingObserver : IInferenceObserver
    {
        public void OnInference(in InferenceEvent inference) => throw new InvalidOperationException("observer bug");
    }
}
