namespace Ml.Sdk.Monitoring.Tests.Alerts.TestSupport;

/// <summary>How <see cref="LocalWebhookServer"/> answers one request.</summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="Delay">How long (real time) to hold the request before answering.</param>
internal sealed record WebhookReply(int StatusCode, TimeSpan Delay = default);
