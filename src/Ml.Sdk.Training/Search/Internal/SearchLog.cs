using Microsoft.Extensions.Logging;

namespace Ml.Sdk.Training.Search.Internal;

internal static partial class SearchLog
{
    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Trial {Index} (run {RunId}) scored {Metric} = {Score}")]
    public static partial void TrialScored(ILogger logger, int index, string runId, string metric, double score);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "Trial {Index} (run {RunId}) failed: {Error}")]
    public static partial void TrialFailed(ILogger logger, int index, string runId, string error, Exception exception);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Information, Message = "Trial {Index} (run {RunId}) cancelled")]
    public static partial void TrialCancelled(ILogger logger, int index, string runId);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Information,
        Message = "Search in experiment {Experiment} ran {Trials} trial(s); best: trial {BestIndex} with {Metric} = {BestScore}")]
    public static partial void SearchCompleted(ILogger logger, string experiment, int trials, int? bestIndex, string metric, double? bestScore);
}
