using Ml.Sdk.Serving.Tests.TestSupport;

namespace Ml.Sdk.Serving.Tests.Clients;

/// <summary>
/// A request cancelled, or past its timeout, before its batch starts fails (<see cref="OperationCanceledException"/>,
/// <see cref="InferenceTimeoutException"/>) and never runs: the observer never sees its request id and no batch holds
/// its rows. Requests wait behind a long request of the slow model (<see cref="RequestsBlocker"/>); real time, with no
/// assertion on durations.
/// </summary>
[Collection(RequestsUnderLoad.Name)]
public sealed class CancellationAndTimeoutTests
{
    private const string AfterId = "after";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task InferAsync_CancelledWhileQueued_ThrowsOperationCanceledAndNeverRuns(bool fastPath)
    {
        await RequestsBlocker.RunAsync(async () =>
        {
            using var metrics = new RequestsMetrics();
            using var starts = new RequestsBatchStarts();
            await using RequestsHost host = await StartAsync();
            using var cancellation = new CancellationTokenSource();

            RequestsBlocker blocker = RequestsBlocker.Start(host, starts, rows: 64);
            Task<InferenceResult> request = Send(host, fastPath, new InferenceOptions { RequestId = "cancelled" }, cancellation.Token);
            bool queued = !request.IsCompleted;
            await cancellation.CancelAsync();
            bool cancelledWhileBusy = blocker.IsRunning;
            await blocker.Completion;
            await request.ContinueWith(static _ => { }, TaskScheduler.Default);
            if (!queued || !cancelledWhileBusy)
            {
                return RequestsBlocker.NotBusyThroughout;
            }

            OperationCanceledException error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
            Assert.Equal(cancellation.Token, error.CancellationToken);
            await AssertOnlyBlockerAndAfterRanAsync(host, metrics);
            return null;
        });
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task InferAsync_AlreadyCancelledToken_ThrowsAtOnceAndRunsNothing(bool fastPath)
    {
        using var metrics = new RequestsMetrics();
        await using RequestsHost host = await StartAsync();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        Task<InferenceResult> request = Send(host, fastPath, new InferenceOptions { RequestId = "cancelled" }, cancellation.Token);

        Assert.True(request.IsCanceled, "The request should have been cancelled before it returned.");
        OperationCanceledException error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        Assert.Equal(cancellation.Token, error.CancellationToken);
        await SendAfterAsync(host);
        Assert.Equal([1], metrics.BatchSizes(host.ModelName));
        await host.Observer!.WaitForRequestAsync(AfterId);
        Assert.Equal([AfterId], host.Observer.Snapshot().Select(static i => i.RequestId));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task InferAsync_TimeoutPassesWhileQueued_ThrowsInferenceTimeoutAndNeverRuns(bool fastPath)
    {
        TimeSpan timeout = TimeSpan.FromMilliseconds(1);
        await RequestsBlocker.RunAsync(async () =>
        {
            using var metrics = new RequestsMetrics();
            using var starts = new RequestsBatchStarts();
            await using RequestsHost host = await StartAsync();

            RequestsBlocker blocker = RequestsBlocker.Start(host, starts, rows: 64);
            Task<InferenceResult> request = Send(host, fastPath, new InferenceOptions { RequestId = "timed-out", Timeout = timeout });
            bool queued = !request.IsCompleted;
            await request.ContinueWith(static _ => { }, TaskScheduler.Default);

            // It finished while the version was still busy with the blocker, so it cannot have run.
            bool endedWhileBusy = blocker.IsRunning;
            await blocker.Completion;
            if (!queued || !endedWhileBusy)
            {
                return request.IsCompletedSuccessfully
                    ? "the request ran: its timeout had not failed it by the time the blocker finished"
                    : RequestsBlocker.NotBusyThroughout;
            }

            InferenceTimeoutException error = await Assert.ThrowsAsync<InferenceTimeoutException>(() => request);
            Assert.Equal(host.ModelName, error.ModelName);
            Assert.Equal(timeout, error.Timeout);
            Assert.Contains(host.ModelName, error.Message, StringComparison.Ordinal);
            await AssertOnlyBlockerAndAfterRanAsync(host, metrics);
            return null;
        });
    }

    [Fact]
    public async Task InferAsync_ModelRequestTimeoutPassesWhileQueued_ThrowsUnlessTheRequestOverridesIt()
    {
        TimeSpan modelTimeout = TimeSpan.FromMilliseconds(20);
        await RequestsBlocker.RunAsync(async () =>
        {
            using var metrics = new RequestsMetrics();
            using var starts = new RequestsBatchStarts();
            await using RequestsHost host = await StartAsync(model => model.RequestTimeout = modelTimeout);

            // The blocker runs at once on an idle version, so no timeout applies to it.
            RequestsBlocker blocker = RequestsBlocker.Start(host, starts, rows: 64);
            Task<InferenceResult> modelDefault = Send(host, fastPath: true, new InferenceOptions { RequestId = "model-timeout" });
            Task<InferenceResult> overridden = Send(host, fastPath: false, new InferenceOptions { RequestId = "overridden", Timeout = TimeSpan.FromMinutes(10) });
            bool queued = !modelDefault.IsCompleted && !overridden.IsCompleted;
            await modelDefault.ContinueWith(static _ => { }, TaskScheduler.Default);
            bool endedWhileBusy = blocker.IsRunning;
            await blocker.Completion;
            await overridden.ContinueWith(static _ => { }, TaskScheduler.Default);
            if (!queued || !endedWhileBusy)
            {
                return modelDefault.IsCompletedSuccessfully
                    ? "the request ran: the model's timeout had not failed it by the time the blocker finished"
                    : RequestsBlocker.NotBusyThroughout;
            }

            InferenceTimeoutException error = await Assert.ThrowsAsync<InferenceTimeoutException>(() => modelDefault);
            Assert.Equal(modelTimeout, error.Timeout);
            Assert.Equal(host.ModelName, error.ModelName);

            // The other request waited in the same queue at least as long, and its own timeout let it run.
            Assert.Equal(1, (await overridden).Rows);
            await host.Observer!.WaitForRequestAsync("overridden");
            Assert.Equal(["blocker", "overridden"], host.Observer.Snapshot().Select(static i => i.RequestId));
            Assert.Equal([64, 1], metrics.BatchSizes(host.ModelName));
            Assert.Equal((0, 0), await host.WaitForIdleAsync());
            return null;
        });
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task InferAsync_ZeroTimeoutWhileBusy_ThrowsInferenceTimeoutAndNeverRuns(bool fastPath)
    {
        await RequestsBlocker.RunAsync(async () =>
        {
            using var metrics = new RequestsMetrics();
            using var starts = new RequestsBatchStarts();
            await using RequestsHost host = await StartAsync();

            RequestsBlocker blocker = RequestsBlocker.Start(host, starts, rows: 64);
            Task<InferenceResult> request = Send(host, fastPath, new InferenceOptions { RequestId = "timed-out", Timeout = TimeSpan.Zero });

            // Sent while the version was busy, it was queued with its timeout already passed: it can never run.
            bool sentWhileBusy = blocker.IsRunning;
            await request.ContinueWith(static _ => { }, TaskScheduler.Default);
            await blocker.Completion;
            if (!sentWhileBusy)
            {
                return RequestsBlocker.NotBusyThroughout;
            }

            InferenceTimeoutException error = await Assert.ThrowsAsync<InferenceTimeoutException>(() => request);
            Assert.Equal(TimeSpan.Zero, error.Timeout);
            await AssertOnlyBlockerAndAfterRanAsync(host, metrics);
            return null;
        });
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task InferAsync_ZeroTimeoutWhenQueueIsFull_FailsOnceAndLaterRequestsAreUnaffected(bool fastPath)
    {
        await RequestsBlocker.RunAsync(async () =>
        {
            using var metrics = new RequestsMetrics();
            using var starts = new RequestsBatchStarts();
            await using RequestsHost host = await StartAsync(static model => model.MaxQueueSize = 1);

            RequestsBlocker blocker = RequestsBlocker.Start(host, starts, rows: 64);
            Task<InferenceResult> filler = Send(host, fastPath: true, new InferenceOptions { RequestId = "filler" });
            Task<InferenceResult> request = Send(host, fastPath, new InferenceOptions { RequestId = "timed-out", Timeout = TimeSpan.Zero });
            bool sentWhileBusy = blocker.IsRunning;
            await request.ContinueWith(static _ => { }, TaskScheduler.Default);
            await blocker.Completion;
            await filler;
            if (!sentWhileBusy)
            {
                return RequestsBlocker.NotBusyThroughout;
            }

            // Its timeout had passed and the queue was full: either answer will do, once, and the request never ran.
            Exception error = await Assert.ThrowsAnyAsync<Exception>(() => request);
            Assert.True(error is InferenceTimeoutException or ServingQueueFullException, $"Unexpected {error.GetType().Name}: {error.Message}");
            Assert.Equal((0, 0), await host.WaitForIdleAsync());

            // Requests sent afterwards reuse pooled request objects: each gets its own answer, once.
            for (int i = 0; i < 50; i++)
            {
                float[] input = RequestsData.Rows(1, RequestsBlocker.Width, seed: 300 + i);
                float[] output = new float[RequestsBlocker.Width];
                float[] again = new float[RequestsBlocker.Width];
                InferenceResult first = await host.Client.InferAsync<float, float>(input, output, new InferenceOptions { RequestId = $"later-{i}" });
                await host.Client.InferAsync<float, float>(input, again);
                Assert.Equal(new InferenceResult(host.ModelName, 1, 1, false), first);
                RequestsData.AssertClose(again, output);
            }

            IReadOnlyList<RecordingObserver.ObservedInference> seen = await host.Observer!.WaitForCountAsync(2 + 100);
            Assert.DoesNotContain(seen, static i => i.RequestId == "timed-out");
            Assert.Equal(["blocker", "filler"], seen.Take(2).Select(static i => i.RequestId));
            return null;
        });
    }

    private static Task<RequestsHost> StartAsync(Action<ServedModelOptions>? configure = null) =>
        RequestsHost.StartAsync(
            "slow",
            RequestsBlocker.WriteModel,
            model =>
            {
                model.MaxBatchSize = 64;
                configure?.Invoke(model);
            });

    /// <summary>Sends one row through the fast or the general path; the returned task is already complete when the request failed or ran inline.</summary>
    private static Task<InferenceResult> Send(RequestsHost host, bool fastPath, InferenceOptions options, CancellationToken cancellationToken = default)
    {
        float[] input = RequestsData.Rows(1, RequestsBlocker.Width, seed: 77);
        float[] output = new float[RequestsBlocker.Width];
        if (fastPath)
        {
            return host.Client.InferAsync<float, float>(input, output, options, cancellationToken).AsTask();
        }

        var request = new InferenceRequest { Options = options }
            .AddInput<float>("x", input, 1, RequestsBlocker.Width)
            .WithOutput<float>("y", output);
        return SendGeneralAsync(host.Client, request, cancellationToken);

        static async Task<InferenceResult> SendGeneralAsync(IModelClient client, InferenceRequest request, CancellationToken cancellationToken)
        {
            using InferenceResponse response = await client.InferAsync(request, cancellationToken).ConfigureAwait(false);
            return new InferenceResult(response.ModelName, response.Version, (int)response["y"].Shape[0], response.FromCache);
        }
    }

    private static async Task SendAfterAsync(RequestsHost host)
    {
        InferenceResult result = await Send(host, fastPath: true, new InferenceOptions { RequestId = AfterId });
        Assert.Equal(1, result.Rows);
    }

    /// <summary>A request sent afterwards is answered, and it and the blocker are the only inferences that ran.</summary>
    private static async Task AssertOnlyBlockerAndAfterRanAsync(RequestsHost host, RequestsMetrics metrics)
    {
        Assert.Equal((0, 0), await host.WaitForIdleAsync());
        await SendAfterAsync(host);
        await host.Observer!.WaitForRequestAsync(AfterId);
        Assert.Equal(["blocker", AfterId], host.Observer.Snapshot().Select(static i => i.RequestId));
        Assert.Equal([64, 1], metrics.BatchSizes(host.ModelName));
    }
}
