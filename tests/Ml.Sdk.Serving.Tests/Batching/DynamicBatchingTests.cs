using Ml.Sdk.Serving.TestModels;
using Ml.Sdk.Serving.Tests.TestSupport;

namespace Ml.Sdk.Serving.Tests.Batching;

/// <summary>
/// Dynamic batching, seen through the <c>ml_sdk.serving.batch.size</c> histogram (one measurement per batch run, its
/// rows): concurrent callers share batches and still get their own rows, a lone caller never waits or batches,
/// requests that queue behind a busy version run together, and a request's rows are never split across batches nor
/// a batch larger than the model's maximum.
/// </summary>
/// <remarks>
/// Callers whose requests complete inline can all end up on one pool thread, one after another, and never meet; so
/// each load test first holds the version busy (<see cref="RequestsBlocker"/>) and sends every caller's first request
/// behind it, as callers of a loaded server do. The callers' later requests are sent as their previous ones complete.
/// </remarks>
[Collection(RequestsUnderLoad.Name)]
public sealed class DynamicBatchingTests
{
    [Fact]
    public async Task InferAsync_ManyConcurrentSingleRowCallers_BatchesAndAnswersEveryoneCorrectly()
    {
        const int callers = 64;
        const int requestsPerCaller = 50;
        const int maxBatch = 4096;
        await RequestsBlocker.RunAsync(async () =>
        {
            using var metrics = new RequestsMetrics();
            using var starts = new RequestsBatchStarts();
            MlpModel mlp = null!;
            await using RequestsHost host = await RequestsHost.StartAsync(
                "mlp",
                path => mlp = OnnxTestModels.WriteMlp(path, [32, 512, 512, 10], seed: 41),
                static model => model.MaxBatchSize = maxBatch,
                observe: false);
            float[][] rows = [.. Enumerable.Range(0, callers).Select(c => RequestsData.Rows(1, mlp.InputWidth, seed: 1000 + c))];
            float[][] expected = [.. rows.Select(row => mlp.Forward(row, 1))];
            await CallAsync(host.Client, rows[0], expected[0], mlp.OutputWidth, requests: 1);

            RequestsBlocker blocker = RequestsBlocker.Start(host, starts, maxBatch, mlp.InputWidth, mlp.OutputWidth);
            Task[] tasks = [.. rows.Select((row, caller) => CallAsync(host.Client, row, expected[caller], mlp.OutputWidth, requestsPerCaller))];
            bool busyThroughout = blocker.IsRunning;
            await blocker.Completion;
            await Task.WhenAll(tasks);
            if (!busyThroughout)
            {
                return RequestsBlocker.NotBusyThroughout;
            }

            int[] batches = [.. metrics.BatchSizes(host.ModelName).Skip(2)];
            Assert.Equal(callers, batches[0]);
            Assert.Equal(callers * requestsPerCaller, batches.Sum());
            Assert.True(batches.Length < callers * requestsPerCaller, $"{batches.Length} batches for {callers * requestsPerCaller} requests.");
            Assert.All(batches, static size => Assert.InRange(size, 1, callers));
            Assert.Equal(0, await host.WaitForEmptyQueueAsync());
            return null;
        });
    }

    [Fact]
    public async Task InferAsync_LoneSequentialCaller_RunsEachRequestAloneOnTheCallersThread()
    {
        const int requests = 200;
        using var metrics = new RequestsMetrics();
        MlpModel mlp = null!;
        await using RequestsHost host = await RequestsHost.StartAsync(
            "mlp",
            path => mlp = OnnxTestModels.WriteMlp(path, [8, 16, 4], seed: 42),
            observe: false);
        float[] output = new float[mlp.OutputWidth];

        int completedInline = 0;
        for (int i = 0; i < requests; i++)
        {
            float[] input = RequestsData.Rows(1, mlp.InputWidth, seed: i);
            ValueTask<InferenceResult> pending = host.Client.InferAsync<float, float>(input, output);
            completedInline += pending.IsCompletedSuccessfully ? 1 : 0;
            await pending;
            RequestsData.AssertClose(mlp.Forward(input, 1), output);
        }

        // A lone request never waits for a batch window: it runs at once, inline, in a batch of its own.
        Assert.Equal(requests, completedInline);
        Assert.Equal(Enumerable.Repeat(1, requests), metrics.BatchSizes(host.ModelName));
    }

    [Fact]
    public async Task InferAsync_RequestsQueuedBehindABusyVersion_RunTogetherInTheNextBatch()
    {
        const int queued = 24;
        await RequestsBlocker.RunAsync(async () =>
        {
            using var metrics = new RequestsMetrics();
            using var starts = new RequestsBatchStarts();
            await using RequestsHost host = await RequestsHost.StartAsync(
                "slow",
                RequestsBlocker.WriteModel,
                static model => model.MaxBatchSize = 64,
                observe: false);
            await WarmUpAsync(host, rows: 1);
            float[][] inputs = [.. Enumerable.Range(0, queued).Select(static i => RequestsData.Rows(1, RequestsBlocker.Width, seed: 500 + i))];
            float[][] outputs = [.. Enumerable.Range(0, queued).Select(static _ => new float[RequestsBlocker.Width])];

            RequestsBlocker blocker = RequestsBlocker.Start(host, starts, rows: 64);
            Task<InferenceResult>[] pending = [.. inputs.Select((input, i) => host.Client.InferAsync<float, float>(input, outputs[i]).AsTask())];
            bool busyThroughout = blocker.IsRunning;
            await blocker.Completion;
            await Task.WhenAll(pending);
            if (!busyThroughout)
            {
                return RequestsBlocker.NotBusyThroughout;
            }

            Assert.Equal([1, 1, 64, queued], metrics.BatchSizes(host.ModelName));
            await AssertMatchesSoloRunsAsync(host, inputs, outputs);
            return null;
        });
    }

    [Fact]
    public async Task InferAsync_MultiRowRequestsQueuedBehindABusyVersion_AreNeverSplitNorBatchedPastMaximum()
    {
        const int maxBatch = 64;
        const int rowsPerRequest = 5;
        const int queued = 24;
        await RequestsBlocker.RunAsync(async () =>
        {
            using var metrics = new RequestsMetrics();
            using var starts = new RequestsBatchStarts();
            await using RequestsHost host = await RequestsHost.StartAsync(
                "slow",
                RequestsBlocker.WriteModel,
                static model => model.MaxBatchSize = maxBatch,
                observe: false);
            await WarmUpAsync(host, rowsPerRequest);
            float[][] inputs = [.. Enumerable.Range(0, queued).Select(static i => RequestsData.Rows(rowsPerRequest, RequestsBlocker.Width, seed: 700 + i))];
            float[][] outputs = [.. Enumerable.Range(0, queued).Select(static _ => new float[rowsPerRequest * RequestsBlocker.Width])];

            RequestsBlocker blocker = RequestsBlocker.Start(host, starts, rows: maxBatch);

            // Alternate paths: both kinds of request share the version's queue and batches.
            Task<InferenceResult>[] pending = [.. inputs.Select((input, i) => i % 2 == 0
                ? host.Client.InferAsync<float, float>(input, outputs[i]).AsTask()
                : SendGeneralAsync(host, input, rowsPerRequest, outputs[i]))];
            bool busyThroughout = blocker.IsRunning;
            await blocker.Completion;
            InferenceResult[] results = await Task.WhenAll(pending);
            if (!busyThroughout)
            {
                return RequestsBlocker.NotBusyThroughout;
            }

            Assert.All(results, static result => Assert.Equal(rowsPerRequest, result.Rows));

            // Twelve requests of 5 rows fit in a batch of at most 64; a thirteenth would need a split. Whole requests
            // only: the queue drains in batches of exactly 60 rows.
            Assert.Equal([rowsPerRequest, rowsPerRequest, maxBatch, 60, 60], metrics.BatchSizes(host.ModelName));
            await AssertMatchesSoloRunsAsync(host, inputs, outputs);
            return null;
        });
    }

    [Fact]
    public async Task InferAsync_ConcurrentMultiRowCallers_BatchesHoldWholeRequestsWithinMaximum()
    {
        const int maxBatch = 64;
        const int rowsPerRequest = 5;
        const int callers = 32;
        const int requestsPerCaller = 4;
        await RequestsBlocker.RunAsync(async () =>
        {
            using var metrics = new RequestsMetrics();
            using var starts = new RequestsBatchStarts();
            await using RequestsHost host = await RequestsHost.StartAsync(
                "slow",
                RequestsBlocker.WriteModel,
                static model => model.MaxBatchSize = maxBatch,
                observe: false);

            // The reference of each caller's rows is what they give alone (this also warms the path up).
            float[][] inputs = [.. Enumerable.Range(0, callers).Select(c => RequestsData.Rows(rowsPerRequest, RequestsBlocker.Width, seed: 2000 + c))];
            float[][] expected = new float[callers][];
            for (int c = 0; c < callers; c++)
            {
                expected[c] = new float[rowsPerRequest * RequestsBlocker.Width];
                await host.Client.InferAsync<float, float>(inputs[c], expected[c]);
            }

            RequestsBlocker blocker = RequestsBlocker.Start(host, starts, rows: maxBatch);
            Task[] tasks = [.. inputs.Select((input, caller) => CallAsync(host.Client, input, expected[caller], RequestsBlocker.Width, requestsPerCaller, tolerance: 1e-3f))];
            bool busyThroughout = blocker.IsRunning;
            await blocker.Completion;
            await Task.WhenAll(tasks);
            if (!busyThroughout)
            {
                return RequestsBlocker.NotBusyThroughout;
            }

            int[] batches = [.. metrics.BatchSizes(host.ModelName).Skip(callers + 1)];
            Assert.Equal(callers * requestsPerCaller * rowsPerRequest, batches.Sum());
            Assert.All(batches, static size => Assert.True(size % rowsPerRequest == 0 && size <= maxBatch - (maxBatch % rowsPerRequest), $"A batch of {size} rows."));
            Assert.Equal(60, batches[0]);
            return null;
        });
    }

    /// <summary>
    /// One caller: sends its rows <paramref name="requests"/> times, each once the previous has completed, checking
    /// each answer. The first request is sent before this returns; later ones continue on whichever thread completes
    /// the previous (not the test's context), as a server's request handlers do.
    /// </summary>
    private static async Task CallAsync(
        IModelClient client, float[] input, float[] expected, int outputWidth, int requests, float tolerance = RequestsData.Tolerance)
    {
        float[] output = new float[expected.Length];
        for (int i = 0; i < requests; i++)
        {
            Array.Clear(output);
            InferenceResult result = await client.InferAsync<float, float>(input, output).ConfigureAwait(false);
            Assert.Equal(expected.Length / outputWidth, result.Rows);
            RequestsData.AssertClose(expected, output, tolerance);
        }
    }

    private static async Task<InferenceResult> SendGeneralAsync(RequestsHost host, float[] input, int rows, float[] output)
    {
        var request = new InferenceRequest()
            .AddInput<float>("x", input, rows, RequestsBlocker.Width)
            .WithOutput<float>("y", output);
        using InferenceResponse response = await host.Client.InferAsync(request).ConfigureAwait(false);
        return new InferenceResult(response.ModelName, response.Version, (int)response["y"].Shape[0], response.FromCache);
    }

    /// <summary>Runs one request of each path alone, so that the JIT is done before the test holds the version busy.</summary>
    private static async Task WarmUpAsync(RequestsHost host, int rows)
    {
        float[] input = RequestsData.Rows(rows, RequestsBlocker.Width, seed: 3);
        await host.Client.InferAsync<float, float>(input, new float[input.Length]);
        await SendGeneralAsync(host, input, rows, new float[input.Length]);
    }

    /// <summary>Each request's output equals what the same rows give when sent alone (so no rows were mixed up).</summary>
    private static async Task AssertMatchesSoloRunsAsync(RequestsHost host, float[][] inputs, float[][] outputs)
    {
        for (int i = 0; i < inputs.Length; i++)
        {
            float[] alone = new float[outputs[i].Length];
            await host.Client.InferAsync<float, float>(inputs[i], alone);
            RequestsData.AssertClose(alone, outputs[i], tolerance: 1e-3f);
        }
    }
}
