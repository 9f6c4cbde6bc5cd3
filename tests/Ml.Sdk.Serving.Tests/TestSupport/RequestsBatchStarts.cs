using System.Collections.Concurrent;
using System.Diagnostics;

namespace Ml.Sdk.Serving.Tests.TestSupport;

/// <summary>
/// Listens to serving's <c>ml_sdk.serving.batch</c> activity, which starts once a version is busy with a batch and
/// stops before the version takes its next one, so a test knows for sure whether a version is running something.
/// </summary>
/// <remarks>
/// The listener is process-wide: it makes every batch of every test start an activity, so only tests in the
/// non-parallel <see cref="RequestsUnderLoad"/> collection use it.
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
    public int StartedCount(string modelName) => Of(modelName).Count();

    /// <summary>
    /// Waits until batch number <paramref name="index"/> (from 0) of the model has started. It polls on this thread
    /// without yielding it (bounded), so that the caller goes on the moment the batch starts, however loaded the
    /// machine's schedulers are.
    /// </summary>
    /// <returns>That batch's activity.</returns>
    /// <exception cref="TimeoutException">It did not start within the bound.</exception>
    public Activity WaitForStart(string modelName, int index)
    {
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var spinner = default(SpinWait);
        while (true)
        {
            Activity? batch = Of(modelName).Skip(index).FirstOrDefault();
            if (batch is not null)
            {
                return batch;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Batch {index} of model '{modelName}' never started.");
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    private IEnumerable<Activity> Of(string modelName) =>
        _started.Where(a => a.GetTagItem(ServingTelemetry.ModelTag) as string == modelName);

    public void Dispose() => _listener.Dispose();
}
