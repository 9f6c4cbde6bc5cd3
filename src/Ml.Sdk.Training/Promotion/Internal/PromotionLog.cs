using Microsoft.Extensions.Logging;

namespace Ml.Sdk.Training.Promotion.Internal;

/// <summary>The promotion gate's log messages.</summary>
internal static partial class PromotionLog
{
    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Model {Model} version {Version}: {Decision}; {Metric} candidate {Candidate}, champion {ChampionVersion} {Champion}: {Reason}")]
    public static partial void Decided(ILogger logger, string model, int version, string decision, string metric, double candidate, int? championVersion, double? champion, string reason);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Run {RunId} has already ended ({Status}); the promotion decision is recorded on the new version only. Fit with FitOptions.EndRun = false to record it on the run.")]
    public static partial void RunAlreadyEnded(ILogger logger, string runId, Ml.Sdk.Registry.Tracking.RunStatus status);
}
