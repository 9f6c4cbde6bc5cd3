namespace Ml.Sdk.Monitoring.Tests.Alerts.TestSupport;

/// <summary>One request as <see cref="LocalWebhookServer"/> received it.</summary>
internal sealed record RecordedRequest(string Method, string Path, string? ContentType, IReadOnlyDictionary<string, string> Headers, string Body);
