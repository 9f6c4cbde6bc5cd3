using Microsoft.Extensions.Logging;

namespace Ml.Sdk.Training.Fitting.Internal;

/// <summary>The trainer's log messages.</summary>
internal static partial class TrainingLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Fit starting on {Device}: {Rows} training rows (empty when streamed), {ValidationRows} validation rows, batch size {BatchSize}, epochs {StartEpoch}..{MaxEpochs}")]
    public static partial void FitStarting(ILogger logger, Ml.Sdk.Core.Devices.ComputeDevice device, long? rows, long validationRows, int batchSize, int startEpoch, int maxEpochs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Resuming from {Path}: {Epochs} epoch(s) and {Steps} step(s) done")]
    public static partial void Resuming(ILogger logger, string path, int epochs, long steps);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Epoch {Epoch}/{MaxEpochs} done in {Seconds:F2} s: {Metrics}")]
    public static partial void EpochDone(ILogger logger, int epoch, int maxEpochs, double seconds, MetricsText metrics);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Fit stopped ({Reason}) after {Epochs} epoch(s) and {Steps} step(s): {Detail}")]
    public static partial void FitStopped(ILogger logger, StopReason reason, int epochs, long steps, string? detail);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "The checkpoint holds state for callback '{Key}', which this fit does not have; it is ignored")]
    public static partial void UnusedCallbackState(ILogger logger, string key);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "Fit failed at epoch {Epoch}, step {Step}")]
    public static partial void FitFailed(ILogger logger, Exception exception, int epoch, long step);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "Checkpoint written: {Path}")]
    public static partial void CheckpointWritten(ILogger logger, string path);
}
