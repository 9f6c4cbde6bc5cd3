using System.ComponentModel.DataAnnotations;

namespace Ml.Sdk.Monitoring.Alerts;

/// <summary>Settings of <see cref="WebhookAlertSink"/>: where alerts are posted and how hard delivery is tried.</summary>
public sealed class WebhookAlertOptions
{
    /// <summary>Gets or sets the absolute http or https address each alert is POSTed to as JSON.</summary>
    /// <value>Required; there is no default.</value>
    /// <remarks>Logs name only the scheme, host and port of this address, since webhook paths often carry a secret.</remarks>
    [Required]
    public Uri? Url { get; set; }

    /// <summary>Gets or sets how many times one alert is tried before it is given up on (1 means no retry).</summary>
    /// <value>The default is 3.</value>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Gets or sets how long one attempt may take, up to the response headers, before it counts as failed and is retried.</summary>
    /// <value>The default is 10 seconds; it must be more than zero and at most 10 minutes.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the wait before the first retry; each further retry waits twice as long as the one before, up to one hour.</summary>
    /// <value>The default is 1 second; it must be zero to 10 minutes.</value>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the extra request headers sent with every alert, for example <c>Authorization</c> with a token.</summary>
    /// <value>Empty by default. Header names are compared without regard to case; content headers such as <c>Content-Type</c> are not allowed.</value>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}
