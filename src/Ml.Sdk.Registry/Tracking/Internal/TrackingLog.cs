using Microsoft.Extensions.Logging;

namespace Ml.Sdk.Registry.Tracking.Internal;

internal static partial class TrackingLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Run {RunId} started in experiment {Experiment}")]
    public static partial void RunStarted(ILogger logger, string runId, string experiment);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Run {RunId} ended: {Status}")]
    public static partial void RunEnded(ILogger logger, string runId, RunStatus status);
}
