using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Ml.Sdk.Serving.Tests.TestSupport;

/// <summary>
/// Collects serving's <c>ml_sdk.serving.batch.size</c> histogram (one measurement per batch run, its rows), its
/// failure and observer-drop counters and its queue-length gauge, and reads them back for one model. The meter is process-wide, so
/// measurements are told apart by their model tag.
/// </summary>
public sealed class RequestsMetrics : IDisposable
{
    private readonly MetricCollector<int> _batchSizes = new(null, ServingTelemetry.Name, ServingTelemetry.BatchSizeInstrument);
    private readonly MetricCollector<int> _queueLengths = new(null, ServingTelemetry.Name, ServingTelemetry.QueueLengthInstrument);
    private readonly MetricCollector<long> _failures = new(null, ServingTelemetry.Name, ServingTelemetry.FailuresInstrument);
    private readonly MetricCollector<long> _observerDrops = new(null, ServingTelemetry.Name, ServingTelemetry.ObserverDropsInstrument);

    /// <summary>Gets the rows of every batch that ran for the model, in the order they were recorded.</summary>
    public IReadOnlyList<int> BatchSizes(string modelName) =>
        [.. _batchSizes.GetMeasurementSnapshot()
            .Where(m => m.Tags.TryGetValue(ServingTelemetry.ModelTag, out object? model) && Equals(model, modelName))
            .Select(static m => m.Value)];

    /// <summary>Gets how many requests of the model failed with the given <c>error.type</c> (e.g. <c>queue_full</c>).</summary>
    public long Failures(string modelName, string errorType) =>
        _failures.GetMeasurementSnapshot()
            .Where(m => m.Tags.TryGetValue(ServingTelemetry.ModelTag, out object? model) && Equals(model, modelName)
                && m.Tags.TryGetValue("error.type", out object? type) && Equals(type, errorType))
            .Sum(static m => m.Value);

    /// <summary>Gets how many inferences of the model were not handed to the observers because their queue was full.</summary>
    public long ObserverDrops(string modelName) =>
        _observerDrops.GetMeasurementSnapshot()
            .Where(m => m.Tags.TryGetValue(ServingTelemetry.ModelTag, out object? model) && Equals(model, modelName))
            .Sum(static m => m.Value);

    /// <summary>Reads the <c>ml_sdk.serving.queue.length</c> gauge now for the model.</summary>
    public int QueueLength(string modelName)
    {
        _queueLengths.Clear();
        _queueLengths.RecordObservableInstruments();
        return _queueLengths.GetMeasurementSnapshot()
            .Where(m => m.Tags.TryGetValue(ServingTelemetry.ModelTag, out object? model) && Equals(model, modelName))
            .Select(static m => m.Value)
            .Single();
    }

    public void Dispose()
    {
        _batchSizes.Dispose();
        _queueLengths.Dispose();
        _failures.Dispose();
        _observerDrops.Dispose();
    }
}
