using Microsoft.Extensions.Logging;

namespace Ml.Sdk.Monitoring.Alerts.Internal;

internal static partial class AlertLog
{
    [LoggerMessage(EventId = 6401, Level = LogLevel.Warning,
        Message = "Monitoring alert for model {Model} ({Kind}, version {Version}): {AlertMessage} [{Figures}] raised at {Timestamp:O}")]
    public static partial void AlertRaised(ILogger logger, string model, AlertKind kind, string version, string alertMessage, string figures, DateTimeOffset timestamp);

    [LoggerMessage(EventId = 6402, Level = LogLevel.Warning,
        Message = "Webhook delivery of the {Kind} alert for model {Model} to {Endpoint} failed on attempt {Attempt} of {MaxAttempts}: {Reason}")]
    public static partial void WebhookAttemptFailed(ILogger logger, Exception? exception, AlertKind kind, string model, string endpoint, int attempt, int maxAttempts, string reason);

    [LoggerMessage(EventId = 6403, Level = LogLevel.Error,
        Message = "Gave up delivering the {Kind} alert for model {Model} to {Endpoint} after {Attempts} attempt(s): {Reason}")]
    public static partial void WebhookGaveUp(ILogger logger, AlertKind kind, string model, string endpoint, int attempts, string reason);

    [LoggerMessage(EventId = 6404, Level = LogLevel.Debug,
        Message = "Delivered the {Kind} alert for model {Model} to {Endpoint} on attempt {Attempt}")]
    public static partial void WebhookDelivered(ILogger logger, AlertKind kind, string model, string endpoint, int attempt);

    [LoggerMessage(EventId = 6405, Level = LogLevel.Error,
        Message = "Alert sink {Sink} failed to deliver the {Kind} alert for model {Model}; the other sinks still receive it")]
    public static partial void SinkFailed(ILogger logger, Exception exception, string sink, AlertKind kind, string model);
}
