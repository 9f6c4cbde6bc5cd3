namespace Ml.Sdk.Monitoring.Alerts.Internal;

/// <summary>How one webhook attempt ended.</summary>
internal enum WebhookAttemptOutcome
{
    /// <summary>The webhook answered 2xx.</summary>
    Delivered,

    /// <summary>A network error, a timeout, 408, 429 or 5xx: worth another attempt.</summary>
    Retryable,

    /// <summary>Any other answer or failure: another attempt would fare no better.</summary>
    Rejected,
}
