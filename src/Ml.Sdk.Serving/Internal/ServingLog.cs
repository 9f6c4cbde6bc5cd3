using Microsoft.Extensions.Logging;

namespace Ml.Sdk.Serving.Internal;

internal static partial class ServingLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information,
        Message = "Model {Model} version {Version} loaded from {Path} on {Device} ({Mode}, max batch {MaxBatch}); warmed up in {WarmupMs:F1} ms")]
    public static partial void VersionLoaded(ILogger logger, string model, int version, string path, string device, string mode, int maxBatch, double warmupMs);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error,
        Message = "Model {Model} version {Version} failed at {Stage} and takes no traffic; the versions already serving keep serving")]
    public static partial void VersionLoadFailed(ILogger logger, Exception exception, string model, int version, string stage);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information,
        Message = "Model {Model} now serves version {DefaultVersion} by default (loaded: {Versions})")]
    public static partial void RoutesSwitched(ILogger logger, string model, int defaultVersion, string versions);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information,
        Message = "Model {Model} version {Version} retired; it is disposed once its {InFlight} in-flight request(s) finish")]
    public static partial void VersionRetired(ILogger logger, string model, int version, int inFlight);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "ONNX Runtime session for model {Model} version {Version} runs on {Device}: {Reason}")]
    public static partial void SessionDevice(ILogger logger, string model, int version, string device, string reason);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning,
        Message = "The CUDA execution provider could not be added for model {Model} version {Version}; falling back to the CPU")]
    public static partial void CudaProviderFallback(ILogger logger, Exception exception, string model, int version);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Information,
        Message = "The ONNX Runtime environment was created before Ml.Sdk.Serving without a shared thread pool; each session uses its own threads")]
    public static partial void SharedThreadPoolUnavailable(ILogger logger);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Error, Message = "Batch of {Rows} row(s) failed on model {Model} version {Version}")]
    public static partial void BatchFailed(ILogger logger, Exception exception, string model, int version, int rows);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Warning, Message = "Result cache for model {Model} failed; the request ran without it")]
    public static partial void CacheFailed(ILogger logger, Exception exception, string model);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Error, Message = "Refreshing model {Model} from the registry failed; the loaded versions keep serving")]
    public static partial void RefreshFailed(ILogger logger, Exception exception, string model);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Watching the registry for changes failed; retrying in {DelaySeconds} s")]
    public static partial void WatchFailed(ILogger logger, Exception exception, double delaySeconds);
}
