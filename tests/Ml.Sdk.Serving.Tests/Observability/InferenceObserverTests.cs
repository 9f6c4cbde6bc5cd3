using Microsoft.Extensions.DependencyInjection;
using Ml.Sdk.Core.Observability;
using Ml.Sdk.Core.Tensors;
using Ml.Sdk.Serving.TestModels;
using Ml.Sdk.Serving.Tests.TestSupport;

namespace Ml.Sdk.Serving.Tests.Observability;

/// <summary>
/// Inference observers (<see cref="IInferenceObserver"/>): each answered request reaches them with its model, version,
/// request id and tensors (the data sent and returned), off the serving path; an observer that throws or blocks never
/// fails or delays a request; serving without observers works.
/// </summary>
public sealed class InferenceObserverTests
{
    private static readonly int[] s_layers = [16, 32, 6];

    [Fact]
    public async Task InferAsyncFast_Observed_SeesModelVersionRequestIdAndTensors()
    {
        MlpModel mlp = null!;
        await using RequestsHost host = await RequestsHost.StartAsync("mlp", path => mlp = OnnxTestModels.WriteMlp(path, s_layers, seed: 61));
        float[] input = RequestsData.Rows(3, mlp.InputWidth, seed: 1);
        float[] output = new float[3 * mlp.OutputWidth];
        DateTimeOffset before = DateTimeOffset.UtcNow;

        await host.Client.InferAsync<float, float>(input, output, new InferenceOptions { RequestId = "fast-1" });

        RecordingObserver.ObservedInference seen = await host.Observer!.WaitForRequestAsync("fast-1");
        Assert.Equal(host.ModelName, seen.ModelName);
        Assert.Equal("1", seen.ModelVersion);
        AssertTensor(seen.Inputs.Single(), MlpModel.InputName, [3, mlp.InputWidth], input);
        AssertTensor(seen.Outputs.Single(), MlpModel.OutputName, [3, mlp.OutputWidth], output);
        Assert.True(seen.Latency >= TimeSpan.Zero);
        Assert.InRange(seen.Timestamp, before.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task InferAsyncGeneral_TwoInputsObserved_SeesEveryInputAndOutputInSignatureOrder()
    {
        await using RequestsHost host = await RequestsHost.StartAsync("two-inputs", OnnxTestModels.WriteTwoInputs);
        var request = new InferenceRequest { Options = new InferenceOptions { RequestId = "general-1" } }
            .AddInput<long>("ids", new long[] { 2, -1 }, 2, 1)
            .AddInput<float>("x", new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3);

        using (InferenceResponse response = await host.Client.InferAsync(request))
        {
            Assert.Equal([12f, -15f], response["sum"].GetData<float>().ToArray());
        }

        RecordingObserver.ObservedInference seen = await host.Observer!.WaitForRequestAsync("general-1");
        Assert.Equal(["x", "ids"], seen.Inputs.Select(static t => t.Name));
        Assert.Equal(["y", "sum"], seen.Outputs.Select(static t => t.Name));
        AssertTensor(seen.Input("x"), "x", [2, 3], new float[] { 1, 2, 3, 4, 5, 6 });
        Assert.Equal(TensorElementType.Int64, seen.Input("ids").ElementType);
        Assert.Equal([2L, 1L], seen.Input("ids").Shape);
        Assert.Equal([2L, -1L], seen.Input("ids").GetData<long>());
        AssertTensor(seen.Output("y"), "y", [2, 3], new float[] { 2, 4, 6, -4, -5, -6 });
        AssertTensor(seen.Output("sum"), "sum", [2, 1], new float[] { 12, -15 });
    }

    [Fact]
    public async Task InferAsync_ManyRequestsBothPaths_EachObservedOnceWithItsOwnData()
    {
        const int requests = 60;
        MlpModel mlp = null!;
        await using RequestsHost host = await RequestsHost.StartAsync("mlp", path => mlp = OnnxTestModels.WriteMlp(path, s_layers, seed: 62));
        var sent = new Dictionary<string, (float[] Input, float[] Output, int Rows)>();

        await Parallel.ForEachAsync(Enumerable.Range(0, requests), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancellationToken) =>
        {
            int rows = 1 + (i % 4);
            string id = $"request-{i}";
            float[] input = RequestsData.Rows(rows, mlp.InputWidth, seed: 100 + i);
            float[] output = new float[rows * mlp.OutputWidth];
            if (i % 2 == 0)
            {
                await host.Client.InferAsync<float, float>(input, output, new InferenceOptions { RequestId = id }, cancellationToken);
            }
            else
            {
                var request = new InferenceRequest { Options = new InferenceOptions { RequestId = id } }
                    .AddInput<float>(MlpModel.InputName, input, rows, mlp.InputWidth)
                    .WithOutput<float>(MlpModel.OutputName, output);
                using InferenceResponse response = await host.Client.InferAsync(request, cancellationToken);
            }

            lock (sent)
            {
                sent.Add(id, (input, output, rows));
            }
        });

        IReadOnlyList<RecordingObserver.ObservedInference> seen = await host.Observer!.WaitForCountAsync(requests);
        Assert.Equal(requests, seen.Count);
        Assert.Equal(sent.Keys.Order(), seen.Select(static i => i.RequestId!).Order());
        foreach (RecordingObserver.ObservedInference inference in seen)
        {
            (float[] input, float[] output, int rows) = sent[inference.RequestId!];
            AssertTensor(inference.Inputs.Single(), MlpModel.InputName, [rows, mlp.InputWidth], input);
            AssertTensor(inference.Outputs.Single(), MlpModel.OutputName, [rows, mlp.OutputWidth], output);
            RequestsData.AssertClose(mlp.Forward(input, rows), output);
        }
    }

    [Fact]
    public async Task InferAsync_AnsweredFromCache_StillObservedWithTheCachedOutputs()
    {
        MlpModel mlp = null!;
        await using RequestsHost host = await RequestsHost.StartAsync(
            "mlp",
            path => mlp = OnnxTestModels.WriteMlp(path, s_layers, seed: 63),
            static model => model.ResultCache = ResultCacheMode.Memory);
        float[] input = RequestsData.Rows(2, mlp.InputWidth, seed: 2);
        float[] output = new float[2 * mlp.OutputWidth];

        await host.Client.InferAsync<float, float>(input, output, new InferenceOptions { RequestId = "miss" });
        InferenceResult hit = await host.Client.InferAsync<float, float>(input, output, new InferenceOptions { RequestId = "hit" });

        Assert.True(hit.FromCache);
        RecordingObserver.ObservedInference seen = await host.Observer!.WaitForRequestAsync("hit");
        AssertTensor(seen.Inputs.Single(), MlpModel.InputName, [2, mlp.InputWidth], input);
        AssertTensor(seen.Outputs.Single(), MlpModel.OutputName, [2, mlp.OutputWidth], output);
    }

    [Fact]
    public async Task InferAsync_ObserverThrows_RequestSucceedsAndTheNextObserverStillSeesIt()
    {
        var throwing = new ThrowingObserver();
        MlpModel mlp = null!;
        await using RequestsHost host = await RequestsHost.StartAsync(
            "mlp",
            path => mlp = OnnxTestModels.WriteMlp(path, s_layers, seed: 64),
            services: services => services.AddSingleton<IInferenceObserver>(throwing));
        InferencePublisher publisher = host.Provider.GetRequiredService<InferencePublisher>();

        for (int i = 0; i < 5; i++)
        {
            float[] input = RequestsData.Rows(1, mlp.InputWidth, seed: i);
            float[] output = new float[mlp.OutputWidth];
            InferenceResult result = await host.Client.InferAsync<float, float>(input, output, new InferenceOptions { RequestId = $"r{i}" });
            Assert.Equal(1, result.Rows);
            RequestsData.AssertClose(mlp.Forward(input, 1), output);
        }

        // The throwing observer was registered first; the recording one after it still saw every inference.
        await host.Observer!.WaitForCountAsync(5);
        Assert.Equal(["r0", "r1", "r2", "r3", "r4"], host.Observer.Snapshot().Select(static i => i.RequestId));
        Assert.Equal(5, throwing.Calls);
        Assert.Equal(5, publisher.FailureCount);
    }

    [Fact]
    public async Task InferAsync_ObserverBlocked_RequestsAreNotDelayedAndTheOverflowIsCountedAsDropped()
    {
        const int requests = 10;
        using var metrics = new RequestsMetrics();
        using var blocking = new BlockingObserver();
        MlpModel mlp = null!;
        await using RequestsHost host = await RequestsHost.StartAsync(
            "mlp",
            path => mlp = OnnxTestModels.WriteMlp(path, s_layers, seed: 65),
            observe: false,
            services: services => services.AddSingleton<IInferenceObserver>(blocking),
            serving: static options => options.ObserverQueueSize = 1);
        float[] output = new float[mlp.OutputWidth];

        long dropped;
        try
        {
            // The first inference holds the observer loop; every request is still answered while it is held.
            for (int i = 0; i < requests; i++)
            {
                await host.Client.InferAsync<float, float>(RequestsData.Rows(1, mlp.InputWidth, seed: i), output);
            }

            Assert.True(blocking.WaitUntilEntered(), "The observer never saw the first inference.");
            dropped = metrics.ObserverDrops(host.ModelName);
        }
        finally
        {
            blocking.Release();
        }

        // One inference is being published and at most one waits in the queue of one: the rest were dropped.
        Assert.InRange(dropped, requests - 2, requests - 1);
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (blocking.Calls + dropped < requests && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        Assert.Equal(requests, blocking.Calls + dropped);
    }

    [Fact]
    public async Task InferAsync_NoObserverRegistered_BothPathsAnswerNormally()
    {
        MlpModel mlp = null!;
        await using RequestsHost host = await RequestsHost.StartAsync(
            "mlp",
            path => mlp = OnnxTestModels.WriteMlp(path, s_layers, seed: 66),
            observe: false);
        Assert.Empty(host.Provider.GetServices<IInferenceObserver>());
        float[] input = RequestsData.Rows(2, mlp.InputWidth, seed: 3);
        float[] output = new float[2 * mlp.OutputWidth];

        await host.Client.InferAsync<float, float>(input, output, new InferenceOptions { RequestId = "fast" });
        using InferenceResponse response = await host.Client.InferAsync(
            new InferenceRequest { Options = new InferenceOptions { RequestId = "general" } }.AddInput<float>(MlpModel.InputName, input, 2, mlp.InputWidth));

        float[] expected = mlp.Forward(input, 2);
        RequestsData.AssertClose(expected, output);
        RequestsData.AssertClose(expected, response[MlpModel.OutputName].GetData<float>());
    }

    private static void AssertTensor(RecordingObserver.ObservedTensor tensor, string name, long[] shape, float[] data)
    {
        Assert.Equal(name, tensor.Name);
        Assert.Equal(TensorElementType.Float32, tensor.ElementType);
        Assert.Equal(shape, tensor.Shape);
        Assert.Equal(data, tensor.GetData<float>());
    }

    /// <summary>An observer that always throws, counting its calls.</summary>
    private sealed class ThrowingObserver : IInferenceObserver
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public void OnInference(in InferenceEvent inference)
        {
            Interlocked.Increment(ref _calls);
            throw new InvalidOperationException("This observer always fails.");
        }
    }

    /// <summary>An observer whose first call waits until the test releases it, counting its calls.</summary>
    private sealed class BlockingObserver : IInferenceObserver, IDisposable
    {
        private readonly ManualResetEventSlim _entered = new();
        private readonly ManualResetEventSlim _released = new();
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public void OnInference(in InferenceEvent inference)
        {
            Interlocked.Increment(ref _calls);
            _entered.Set();
            _released.Wait(TimeSpan.FromSeconds(60));
        }

        public bool WaitUntilEntered() => _entered.Wait(TimeSpan.FromSeconds(30));

        public void Release() => _released.Set();

        public void Dispose()
        {
            _released.Set();
            _entered.Dispose();
            _released.Dispose();
        }
    }
}
