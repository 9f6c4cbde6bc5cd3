using System.Globalization;
using Microsoft.Extensions.Options;

namespace Ml.Sdk.Monitoring.Alerts.Internal;

/// <summary>Checks the rules of <see cref="WebhookAlertOptions"/> that attributes cannot express.</summary>
internal sealed class WebhookAlertOptionsRulesValidator : IValidateOptions<WebhookAlertOptions>
{
    private static readonly TimeSpan s_maxAttemptTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan s_maxRetryDelay = TimeSpan.FromMinutes(10);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WebhookAlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Url is Uri url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"WebhookAlertOptions.Url is '{url}'; it must be an absolute http or https address.");
        }

        if (options.AttemptTimeout <= TimeSpan.Zero || options.AttemptTimeout > s_maxAttemptTimeout)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"WebhookAlertOptions.AttemptTimeout is {options.AttemptTimeout}; it must be more than zero and at most 10 minutes."));
        }

        if (options.RetryDelay < TimeSpan.Zero || options.RetryDelay > s_maxRetryDelay)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"WebhookAlertOptions.RetryDelay is {options.RetryDelay}; it must be zero to 10 minutes."));
        }

        using var probe = new HttpRequestMessage();
        foreach (KeyValuePair<string, string> header in options.Headers)
        {
            // The probe rejects malformed names and content headers (those belong to the JSON body, which sets its own).
            if (string.IsNullOrWhiteSpace(header.Key) || !probe.Headers.TryAddWithoutValidation(header.Key, "x"))
            {
                failures.Add($"WebhookAlertOptions.Headers has '{header.Key}', which is not a valid request header name (content headers such as Content-Type are set by the sink).");
            }
            else if (header.Value is null || header.Value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                failures.Add($"WebhookAlertOptions.Headers['{header.Key}'] is missing or holds a line break.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
