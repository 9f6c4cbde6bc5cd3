using System.Collections.Concurrent;
using System.Diagnostics;

namespace Ml.Sdk.Serving.Tests.TestSupport;

/// <summary>
/// Listens to serving's <c>ml_sdk.serving.batch</c> activity, which starts once a version is busy with a batch, so a
/// test knows for sure that a version is running something (and that requests sent now queue behind it).
/// </summary>
/// <remarks>
/// The listener is process-wide: it makes every batch of every test start an activity, so only tests in the
/// non-parallel <see cref="RequestsUnderLoad"/> use it.
/// </remarks>
public sealed class RequestsBatchStarts : IDisposable
{
    private readonly ConcurrentQueue<Activity> _started = new();
    private readonly ActivityListener _listener;

    public RequestsBatchStarts()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = static source => source.Name == ServingTelemetry.Name,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = _started.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Gets how many batches of the model have started so far.</summary>
    public int StartedCount(string modelName) => _started.Count(a => a.GetTagItem(ServingTelemetry.ModelTag) as string == modelName);

    /// <summary>Waits (polling, bounded) until <paramref name="count"/> batches of the model have started.</summary>
    /// <exception cref="TimeoutException">They did not start within the bound.</exception>
    public async Task WaitForStartsAsync(string modelName, int count = 1)
    {
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (StartedCount(modelName) < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{count} batch(es) of model '{modelName}' never started.");
            }

            await Task.Delay(1);
        }
    }

    public void Dispose() => _listener.Dispose();
}
