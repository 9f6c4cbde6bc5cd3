using Ml.Sdk.Serving.Tests.TestSupport;

namespace Ml.Sdk.Serving.Tests.Batching;

/// <summary>
/// Every queued high-priority request is batched before any normal one still queued, and each queue keeps its own
/// arrival order. The order requests ran in is the order the observer saw them (the batch loop hands inferences to
/// the observer queue in run order, and that queue publishes in order).
/// </summary>
[Collection(RequestsUnderLoad.Name)]
public sealed class PriorityTests
{
    private static readonly InferenceOptions s_normal1 = new() { RequestId = "normal-1" };
    private static readonly InferenceOptions s_high1 = new() { RequestId = "high-1", Priority = RequestPriority.High };
    private static readonly InferenceOptions s_normal2 = new() { RequestId = "normal-2" };
    private static readonly InferenceOptions s_high2 = new() { RequestId = "high-2", Priority = RequestPriority.High };
    private static readonly InferenceOptions s_normal3 = new() { RequestId = "normal-3" };
    private static readonly InferenceOptions[] s_arrivals = [s_normal1, s_high1, s_normal2, s_high2, s_normal3];

    [Fact]
    public async Task InferAsync_HighPriorityQueuedAfterNormal_RunsInEarlierBatches()
    {
        // 33 rows each: two never fit in one batch of 64, so each request is a batch of its own.
        await RunAsync(rowsPerRequest: 33, expectedBatches: [64, 33, 33, 33, 33, 33]);
    }

    [Fact]
    public async Task InferAsync_HighPriorityQueuedAfterNormal_GoesFirstInTheSharedBatch()
    {
        // One row each: all five share the next batch, high-priority rows first.
        await RunAsync(rowsPerRequest: 1, expectedBatches: [64, 5]);
    }

    private static async Task RunAsync(int rowsPerRequest, int[] expectedBatches)
    {
        await RequestsBlocker.RunAsync(async () =>
        {
            using var metrics = new RequestsMetrics();
            using var starts = new RequestsBatchStarts();
            await using RequestsHost host = await RequestsHost.StartAsync(
                "slow",
                RequestsBlocker.WriteModel,
                static model => model.MaxBatchSize = 64);
            float[][] inputs = [.. s_arrivals.Select((_, i) => RequestsData.Rows(rowsPerRequest, RequestsBlocker.Width, seed: 60 + i))];
            float[][] outputs = [.. s_arrivals.Select(_ => new float[rowsPerRequest * RequestsBlocker.Width])];

            RequestsBlocker blocker = RequestsBlocker.Start(host, starts, rows: 64);
            Task<InferenceResult>[] pending = [.. s_arrivals.Select((options, i) => host.Client.InferAsync<float, float>(inputs[i], outputs[i], options).AsTask())];
            bool busyThroughout = blocker.IsRunning;
            await blocker.Completion;
            await Task.WhenAll(pending);
            if (!busyThroughout)
            {
                return RequestsBlocker.NotBusyThroughout;
            }

            IReadOnlyList<RecordingObserver.ObservedInference> seen = await host.Observer!.WaitForCountAsync(1 + s_arrivals.Length);
            Assert.Equal(["blocker", "high-1", "high-2", "normal-1", "normal-2", "normal-3"], seen.Select(static i => i.RequestId));
            Assert.Equal(expectedBatches, metrics.BatchSizes(host.ModelName));

            // Each caller got its own rows back whatever its place in the batch.
            foreach (RecordingObserver.ObservedInference inference in seen.Skip(1))
            {
                int arrival = Array.FindIndex(s_arrivals, o => o.RequestId == inference.RequestId);
                Assert.Equal(inputs[arrival], inference.Input("x").GetData<float>());
                Assert.Equal(outputs[arrival], inference.Output("y").GetData<float>());
            }

            return null;
        });
    }
}
