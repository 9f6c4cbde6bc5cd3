using Microsoft.Extensions.Logging;

namespace Ml.Sdk.Monitoring.Live.Internal;

internal static partial class MonitoringLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information,
        Message = "Monitoring model {Model}: {Columns} column(s), reference profile of {ReferenceRows} rows, window {WindowRows} rows, check every {Interval}")]
    public static partial void ModelMonitored(ILogger logger, string model, int columns, long referenceRows, int windowRows, TimeSpan interval);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Error,
        Message = "Drift check of model {Model} failed; the monitor keeps running and checks again at the next interval")]
    public static partial void CheckFailed(ILogger logger, Exception exception, string model);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Debug,
        Message = "Drift check of model {Model}: {Drifted} of {Tested} column(s) drifted over {Rows} rows")]
    public static partial void CheckCompleted(ILogger logger, string model, int drifted, int tested, long rows);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Error,
        Message = "Alert sink {Sink} failed to deliver a {Kind} alert for model {Model}; the other sinks still receive it")]
    public static partial void SinkFailed(ILogger logger, Exception exception, string sink, string kind, string model);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Error,
        Message = "Performance check of model {Model} failed; the monitor keeps running")]
    public static partial void PerformanceCheckFailed(ILogger logger, Exception exception, string model);
}
