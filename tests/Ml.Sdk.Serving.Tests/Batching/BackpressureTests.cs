using Ml.Sdk.Serving.Tests.TestSupport;

namespace Ml.Sdk.Serving.Tests.Batching;

/// <summary>
/// A version's queue is bounded (<see cref="ServedModelOptions.MaxQueueSize"/>): while the version is busy, requests
/// past the bound fail at once with <see cref="ServingQueueFullException"/> and never run, the others are answered,
/// none is lost, and the queue is empty again once the load has passed.
/// </summary>
[Collection(RequestsUnderLoad.Name)]
public sealed class BackpressureTests
{
    private const int QueueLimit = 2;

    [Fact]
    public async Task InferAsync_MoreRequestsThanTheQueueHolds_RefusesTheRestWithQueueFull()
    {
        const int sent = 10;
        await RequestsBlocker.RunAsync(async () =>
        {
            using var metrics = new RequestsMetrics();
            using var starts = new RequestsBatchStarts();
            await using RequestsHost host = await StartAsync();
            float[][] inputs = [.. Enumerable.Range(0, sent).Select(static i => RequestsData.Rows(1, RequestsBlocker.Width, seed: 40 + i))];
            float[][] outputs = [.. Enumerable.Range(0, sent).Select(static _ => new float[RequestsBlocker.Width])];

            RequestsBlocker blocker = RequestsBlocker.Start(host, starts, rows: 64);
            ValueTask<InferenceResult>[] requests = [.. inputs.Select((input, i) => host.Client.InferAsync<float, float>(input, outputs[i]))];
            bool[] refusedAtOnce = [.. requests.Select(static r => r.IsFaulted)];
            Task<InferenceResult>[] pending = [.. requests.Select(static r => r.AsTask())];
            bool busyThroughout = blocker.IsRunning;
            await blocker.Completion;
            await Task.WhenAll(pending).ContinueWith(static _ => { }, TaskScheduler.Default);
            if (!busyThroughout)
            {
                return RequestsBlocker.NotBusyThroughout;
            }

            // The first two fill the queue and are answered; every later one is refused before it returns.
            Assert.Equal([.. Enumerable.Repeat(false, QueueLimit), .. Enumerable.Repeat(true, sent - QueueLimit)], refusedAtOnce);
            for (int i = 0; i < QueueLimit; i++)
            {
                Assert.Equal(1, (await pending[i]).Rows);
            }

            foreach (Task<InferenceResult> refused in pending[QueueLimit..])
            {
                ServingQueueFullException error = await Assert.ThrowsAsync<ServingQueueFullException>(() => refused);
                AssertDescribes(host, error);
            }

            Assert.Equal(sent - QueueLimit, metrics.Failures(host.ModelName, "queue_full"));
            Assert.Equal([64, QueueLimit], metrics.BatchSizes(host.ModelName));
            await AssertQueueDrainedAndServingAsync(host, metrics);
            return null;
        });
    }

    [Fact]
    public async Task InferAsync_ManyConcurrentRequestsOnASmallQueue_EachIsAnsweredOrRefusedNoneLost()
    {
        const int sent = 32;
        await RequestsBlocker.RunAsync(async () =>
        {
            using var metrics = new RequestsMetrics();
            using var starts = new RequestsBatchStarts();
            await using RequestsHost host = await StartAsync();
            float[][] inputs = [.. Enumerable.Range(0, sent).Select(static i => RequestsData.Rows(1, RequestsBlocker.Width, seed: 80 + i))];
            float[][] outputs = [.. Enumerable.Range(0, sent).Select(static _ => new float[RequestsBlocker.Width])];
            using var allSent = new CountdownEvent(sent);

            RequestsBlocker blocker = RequestsBlocker.Start(host, starts, rows: 64);
            Task<InferenceResult>[] pending = [.. inputs.Select((input, i) => Task.Run(async () =>
            {
                ValueTask<InferenceResult> request = host.Client.InferAsync<float, float>(input, outputs[i]);
                allSent.Signal();
                return await request;
            }))];
            Assert.True(allSent.Wait(TimeSpan.FromSeconds(30)), "The requests were never sent.");
            bool busyThroughout = blocker.IsRunning;
            await blocker.Completion;
            await Task.WhenAll(pending).ContinueWith(static _ => { }, TaskScheduler.Default);

            int answered = pending.Count(static t => t.IsCompletedSuccessfully);
            Task<InferenceResult>[] refused = [.. pending.Where(static t => t.IsFaulted)];
            Assert.Equal(sent, answered + refused.Length);
            Assert.All(refused, static t => Assert.IsType<ServingQueueFullException>(t.Exception!.InnerException));
            Assert.All(refused, t => AssertDescribes(host, (ServingQueueFullException)t.Exception!.InnerException!));
            Assert.Equal(refused.Length, metrics.Failures(host.ModelName, "queue_full"));
            Assert.Equal(answered, metrics.BatchSizes(host.ModelName).Skip(1).Sum());
            if (!busyThroughout)
            {
                return RequestsBlocker.NotBusyThroughout;
            }

            // All were sent while the version was busy: exactly the queue's worth got in.
            Assert.Equal(QueueLimit, answered);
            await AssertQueueDrainedAndServingAsync(host, metrics);
            return null;
        });
    }

    private static Task<RequestsHost> StartAsync() =>
        RequestsHost.StartAsync(
            "slow",
            RequestsBlocker.WriteModel,
            static model =>
            {
                model.MaxBatchSize = 64;
                model.MaxQueueSize = QueueLimit;
            },
            observe: false);

    private static void AssertDescribes(RequestsHost host, ServingQueueFullException error)
    {
        Assert.Equal(host.ModelName, error.ModelName);
        Assert.Equal(1, error.Version);
        Assert.Equal(QueueLimit, error.QueueLimit);
        Assert.Contains(host.ModelName, error.Message, StringComparison.Ordinal);
    }

    /// <summary>The queue is empty (status and gauge) and takes requests again.</summary>
    private static async Task AssertQueueDrainedAndServingAsync(RequestsHost host, RequestsMetrics metrics)
    {
        Assert.Equal((0, 0), await host.WaitForIdleAsync());
        Assert.Equal(0, metrics.QueueLength(host.ModelName));
        float[] output = new float[RequestsBlocker.Width];
        InferenceResult result = await host.Client.InferAsync<float, float>(RequestsData.Rows(1, RequestsBlocker.Width, seed: 7), output);
        Assert.Equal(1, result.Rows);
    }
}
