using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Ml.Sdk.Serving;

/// <summary>
/// The names of Serving's <see cref="Meter"/>, <see cref="ActivitySource"/> and instruments, for
/// <c>AddMeter(ServingTelemetry.Name)</c> and <c>AddSource(ServingTelemetry.Name)</c> in OpenTelemetry. Every measurement
/// carries the tags <c>ml_sdk.model</c> and (where it applies) <c>ml_sdk.model.version</c>.
/// </summary>
public static class ServingTelemetry
{
    /// <summary>The meter's and activity source's name.</summary>
    public const string Name = "Ml.Sdk.Serving";

    /// <summary>Requests answered (counter).</summary>
    public const string RequestsInstrument = "ml_sdk.serving.requests";

    /// <summary>Requests that failed, tagged with <c>error.type</c> (counter).</summary>
    public const string FailuresInstrument = "ml_sdk.serving.request.failures";

    /// <summary>Time from a request's arrival to its answer, in seconds (histogram).</summary>
    public const string RequestDurationInstrument = "ml_sdk.serving.request.duration";

    /// <summary>Time a request waited in the queue before its batch started, in seconds (histogram).</summary>
    public const string QueueWaitInstrument = "ml_sdk.serving.queue.wait";

    /// <summary>Time a batch spent in ONNX Runtime, in seconds (histogram).</summary>
    public const string ComputeDurationInstrument = "ml_sdk.serving.compute.duration";

    /// <summary>Rows per batch run (histogram).</summary>
    public const string BatchSizeInstrument = "ml_sdk.serving.batch.size";

    /// <summary>Requests waiting, over all versions of a model (observable gauge).</summary>
    public const string QueueLengthInstrument = "ml_sdk.serving.queue.length";

    /// <summary>Versions loaded and taking traffic, per model (observable gauge).</summary>
    public const string LoadedVersionsInstrument = "ml_sdk.serving.versions.loaded";

    /// <summary>Requests mirrored to a shadow version (counter), tagged <c>ml_sdk.shadow.outcome</c> = queued or dropped.</summary>
    public const string ShadowRequestsInstrument = "ml_sdk.serving.shadow.requests";

    /// <summary>Result-cache lookups, tagged <c>ml_sdk.cache.hit</c> (counter).</summary>
    public const string CacheLookupsInstrument = "ml_sdk.serving.cache.lookups";

    /// <summary>Inferences dropped because the observer queue was full (counter).</summary>
    public const string ObserverDropsInstrument = "ml_sdk.serving.observer.dropped";

    /// <summary>Version loads, tagged <c>ml_sdk.load.outcome</c> = loaded or failed (counter).</summary>
    public const string LoadsInstrument = "ml_sdk.serving.loads";

    /// <summary>The model tag.</summary>
    public const string ModelTag = "ml_sdk.model";

    /// <summary>The version tag.</summary>
    public const string VersionTag = "ml_sdk.model.version";

    internal static readonly ActivitySource ActivitySource = new(Name);

    internal static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> Requests = Meter.CreateCounter<long>(RequestsInstrument, "{request}", "Requests answered by Ml.Sdk.Serving.");

    internal static readonly Counter<long> Failures = Meter.CreateCounter<long>(FailuresInstrument, "{request}", "Requests that failed.");

    internal static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>(RequestDurationInstrument, "s", "Time from a request's arrival to its answer.");

    internal static readonly Histogram<double> QueueWait = Meter.CreateHistogram<double>(QueueWaitInstrument, "s", "Time a request waited before its batch started.");

    internal static readonly Histogram<double> ComputeDuration = Meter.CreateHistogram<double>(ComputeDurationInstrument, "s", "Time a batch spent in ONNX Runtime.");

    internal static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>(BatchSizeInstrument, "{row}", "Rows per batch run.");

    internal static readonly Counter<long> ShadowRequests = Meter.CreateCounter<long>(ShadowRequestsInstrument, "{request}", "Requests mirrored to a shadow version.");

    internal static readonly Counter<long> CacheLookups = Meter.CreateCounter<long>(CacheLookupsInstrument, "{lookup}", "Result-cache lookups.");

    internal static readonly Counter<long> ObserverDrops = Meter.CreateCounter<long>(ObserverDropsInstrument, "{inference}", "Inferences not published because the observer queue was full.");

    internal static readonly Counter<long> Loads = Meter.CreateCounter<long>(LoadsInstrument, "{load}", "Version loads.");
}
