using System.Diagnostics;
using Ml.Sdk.Serving.TestModels;

namespace Ml.Sdk.Serving.Tests.TestSupport;

/// <summary>
/// One long request that holds a version busy (typically of the slow model, <see cref="OnnxTestModels.WriteSlow"/>),
/// so that the requests a test sends next queue up behind it; and a way to run a scenario again when the machine was
/// so loaded that the version was idle again before the test had sent them.
/// </summary>
public sealed class RequestsBlocker
{
    /// <summary>The slow model's row width.</summary>
    public const int Width = 256;

    /// <summary>The slow model's chained <c>MatMul</c> nodes: about 3-8 ms for one row, 100 ms for 64 rows on 2 idle cores.</summary>
    /// <remarks>A blocker of 64 rows is the longest the tests use: the most rows a version of the default settings takes.</remarks>
    public const int Repeats = 1000;

    /// <summary>Why a scenario runs again when its blocker had finished before the test had sent its requests.</summary>
    public const string NotBusyThroughout = "the blocker had finished before the test had sent its requests";

    private const int Attempts = 5;
    private readonly Activity _batch;

    private RequestsBlocker(Task<InferenceResult> completion, Activity batch)
    {
        Completion = completion;
        _batch = batch;
    }

    /// <summary>Gets the blocking request's task.</summary>
    public Task<InferenceResult> Completion { get; }

    /// <summary>
    /// Gets whether the blocking batch is still running: when it is, every request sent since it started found the
    /// version busy (the activity stops before the version takes another batch).
    /// </summary>
    public bool IsRunning => !_batch.IsStopped;

    /// <summary>Writes the slow model.</summary>
    public static void WriteModel(string path) => OnnxTestModels.WriteSlow(path, Width, Repeats);

    /// <summary>
    /// Sends a request of <paramref name="rows"/> rows from a thread-pool thread and returns once its batch has started
    /// (without yielding this thread, so that the caller sends its own requests at once); the version is then busy
    /// until it ends. The version must be idle when this is called.
    /// </summary>
    /// <param name="host">The served model; its one input and one output are float32.</param>
    /// <param name="starts">The listener that tells when the request's batch starts.</param>
    /// <param name="rows">The request's rows.</param>
    /// <param name="inputWidth">The model's input row length.</param>
    /// <param name="outputWidth">The model's output row length.</param>
    /// <param name="requestId">The request id observers see.</param>
    public static RequestsBlocker Start(
        RequestsHost host, RequestsBatchStarts starts, int rows, int inputWidth = Width, int outputWidth = Width, string requestId = "blocker")
    {
        int index = starts.StartedCount(host.ModelName);
        float[] input = RequestsData.Rows(rows, inputWidth, seed: 1);
        float[] output = new float[rows * outputWidth];
        var options = new InferenceOptions { RequestId = requestId };
        Task<InferenceResult> completion = Task.Run(() => host.Client.InferAsync<float, float>(input, output, options).AsTask());
        Activity batch = starts.WaitForStart(host.ModelName, index);
        return new RequestsBlocker(completion, batch);
    }

    /// <summary>
    /// Runs a scenario that needs a version kept busy while it sends requests. The scenario returns
    /// <see langword="null"/> when it ran to the end, or why it must run again: typically <see cref="NotBusyThroughout"/>,
    /// when its blocker had already finished once everything was sent (the machine descheduled the test for longer than
    /// the blocker ran). It then runs again, on a fresh host, a bounded number of times; the failure lists every reason.
    /// </summary>
    public static async Task RunAsync(Func<Task<string?>> scenario)
    {
        var reasons = new List<string>();
        for (int attempt = 1; attempt <= Attempts; attempt++)
        {
            string? retry = await scenario();
            if (retry is null)
            {
                return;
            }

            reasons.Add($"attempt {attempt}: {retry}");
        }

        Assert.Fail($"The scenario never ran to the end in {Attempts} attempts: {string.Join("; ", reasons)}.");
    }
}
