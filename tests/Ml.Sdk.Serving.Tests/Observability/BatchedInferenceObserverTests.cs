using Ml.Sdk.Serving.Tests.TestSupport;

namespace Ml.Sdk.Serving.Tests.Observability;

/// <summary>
/// Requests that share a batch are observed one by one, each with its own rows of the batch's inputs and outputs.
/// </summary>
[Collection(RequestsUnderLoad.Name)]
public sealed class BatchedInferenceObserverTests
{
    [Fact]
    public async Task InferAsync_RequestsOfDifferentRowCountsInOneBatch_EachObservedWithItsOwnRows()
    {
        int[] rowCounts = [1, 4, 2, 5, 3];
        await RequestsBlocker.RunAsync(async () =>
        {
            using var metrics = new RequestsMetrics();
            using var starts = new RequestsBatchStarts();
            await using RequestsHost host = await RequestsHost.StartAsync(
                "slow",
                RequestsBlocker.WriteModel,
                static model => model.MaxBatchSize = 64);
            float[][] inputs = [.. rowCounts.Select((rows, i) => RequestsData.Rows(rows, RequestsBlocker.Width, seed: 90 + i))];
            float[][] outputs = [.. rowCounts.Select(static rows => new float[rows * RequestsBlocker.Width])];

            RequestsBlocker blocker = RequestsBlocker.Start(host, starts, rows: 64);
            Task<InferenceResult>[] pending = [.. inputs.Select((input, i) =>
                host.Client.InferAsync<float, float>(input, outputs[i], new InferenceOptions { RequestId = $"rows-{rowCounts[i]}" }).AsTask())];
            bool busyThroughout = blocker.IsRunning;
            await blocker.Completion;
            await Task.WhenAll(pending);
            if (!busyThroughout)
            {
                return RequestsBlocker.NotBusyThroughout;
            }

            Assert.Equal([64, rowCounts.Sum()], metrics.BatchSizes(host.ModelName));
            IReadOnlyList<RecordingObserver.ObservedInference> seen = await host.Observer!.WaitForCountAsync(1 + rowCounts.Length);
            Assert.Equal(["blocker", .. rowCounts.Select(static rows => $"rows-{rows}")], seen.Select(static i => i.RequestId));
            for (int i = 0; i < rowCounts.Length; i++)
            {
                RecordingObserver.ObservedInference inference = seen[1 + i];
                Assert.Equal([rowCounts[i], (long)RequestsBlocker.Width], inference.Input("x").Shape);
                Assert.Equal([rowCounts[i], (long)RequestsBlocker.Width], inference.Output("y").Shape);
                Assert.Equal(inputs[i], inference.Input("x").GetData<float>());
                Assert.Equal(outputs[i], inference.Output("y").GetData<float>());

                // And the caller's rows are the ones its input gives alone.
                float[] alone = new float[outputs[i].Length];
                await host.Client.InferAsync<float, float>(inputs[i], alone);
                RequestsData.AssertClose(alone, outputs[i], tolerance: 1e-3f);
            }

            return null;
        });
    }
}
