using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ml.Sdk.Monitoring.Alerts.Internal;

namespace Ml.Sdk.Monitoring.Alerts;

/// <summary>
/// POSTs each alert as JSON to a webhook (<see cref="WebhookAlertOptions.Url"/>), retrying network errors, timeouts and the
/// responses 408, 429 and 5xx with a doubling delay; other responses (4xx, 3xx) are not retried.
/// </summary>
/// <remarks>
/// <para>
/// The body is <see cref="MonitoringAlert"/> in camelCase: <c>modelName</c>, <c>modelVersion</c>, <c>kind</c> (its name, such as
/// <c>"DataDrift"</c>), <c>message</c>, <c>figures</c> (an object of name to number; NaN and infinities as the strings
/// <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>) and <c>timestamp</c> (ISO 8601 with offset), sent with
/// <c>Content-Type: application/json; charset=utf-8</c>.
/// </para>
/// <para>
/// Delivery never throws: every failed attempt is logged at Warning and the final give-up at Error, and the alert is
/// counted as failed. Only the caller's cancellation escapes, as <see cref="OperationCanceledException"/>. Redirects are
/// not followed, so that a moved endpoint fails loudly instead of receiving alerts (and headers) somewhere unexpected.
/// </para>
/// </remarks>
public sealed class WebhookAlertSink : IAlertSink, IDisposable
{
    private static readonly TimeSpan s_maxRetryDelay = TimeSpan.FromHours(1);

    private readonly Uri _url;
    private readonly int _maxAttempts;
    private readonly TimeSpan _attemptTimeout;
    private readonly TimeSpan _retryDelay;
    private readonly KeyValuePair<string, string>[] _headers;
    private readonly HttpClient _httpClient;
    private readonly bool _ownsHttpClient;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly string _endpoint;
    private long _delivered;
    private long _failed;

    /// <summary>Initializes a new instance of the <see cref="WebhookAlertSink"/> class with its own pooled HTTP connection.</summary>
    /// <param name="options">The webhook settings; validated here.</param>
    /// <param name="logger">The logger for failed attempts and give-ups.</param>
    /// <param name="timeProvider">The clock for the attempt timeout and the retry delays; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="logger"/> is <see langword="null"/>.</exception>
    /// <exception cref="OptionsValidationException">The settings are invalid (no URL, a relative or non-http URL, out-of-range values, a bad header).</exception>
    public WebhookAlertSink(IOptions<WebhookAlertOptions> options, ILogger<WebhookAlertSink> logger, TimeProvider? timeProvider = null)
        : this(Validate(options), CreateHttpClient(), ownsHttpClient: true, logger, timeProvider ?? TimeProvider.System)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WebhookAlertSink"/> class on a caller's <see cref="HttpClient"/>, which it does not dispose.</summary>
    internal WebhookAlertSink(WebhookAlertOptions options, HttpClient httpClient, ILogger logger, TimeProvider timeProvider)
        : this(Validate(Options.Create(options)), httpClient, ownsHttpClient: false, logger, timeProvider)
    {
    }

    private WebhookAlertSink(WebhookAlertOptions options, HttpClient httpClient, bool ownsHttpClient, ILogger logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (logger is null)
        {
            if (ownsHttpClient)
            {
                httpClient.Dispose();
            }

            throw new ArgumentNullException(nameof(logger));
        }

        // Validated above, so Url is set; the options are copied so that later edits to them cannot change a running sink.
        _url = options.Url!;
        _maxAttempts = options.MaxAttempts;
        _attemptTimeout = options.AttemptTimeout;
        _retryDelay = options.RetryDelay;
        _headers = [.. options.Headers];
        _httpClient = httpClient;
        _ownsHttpClient = ownsHttpClient;
        _logger = logger;
        _timeProvider = timeProvider;
        _endpoint = _url.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>Gets how many alerts have been delivered.</summary>
    internal long DeliveredCount => Interlocked.Read(ref _delivered);

    /// <summary>Gets how many alerts have been given up on.</summary>
    internal long FailedCount => Interlocked.Read(ref _failed);

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="alert"/> is <see langword="null"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async ValueTask SendAsync(MonitoringAlert alert, CancellationToken cancellationToken)
    {
        await TrySendAsync(alert, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases the HTTP connection pool, unless the <see cref="HttpClient"/> was the caller's.</summary>
    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _httpClient.Dispose();
        }
    }

    /// <summary>Delivers <paramref name="alert"/>, retrying as configured.</summary>
    /// <returns><see langword="true"/> when the webhook accepted it (2xx); <see langword="false"/> when it was given up on.</returns>
    internal async ValueTask<bool> TrySendAsync(MonitoringAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        cancellationToken.ThrowIfCancellationRequested();

        byte[] body = AlertJsonContext.Serialize(alert);
        TimeSpan delay = _retryDelay;
        for (int attempt = 1; ; attempt++)
        {
            (WebhookAttemptOutcome outcome, string reason, Exception? error) = await AttemptAsync(body, cancellationToken).ConfigureAwait(false);
            if (outcome == WebhookAttemptOutcome.Delivered)
            {
                Interlocked.Increment(ref _delivered);
                AlertLog.WebhookDelivered(_logger, alert.Kind, alert.ModelName, _endpoint, attempt);
                return true;
            }

            AlertLog.WebhookAttemptFailed(_logger, error, alert.Kind, alert.ModelName, _endpoint, attempt, _maxAttempts, reason);
            if (outcome == WebhookAttemptOutcome.Rejected || attempt >= _maxAttempts)
            {
                Interlocked.Increment(ref _failed);
                string summary = outcome == WebhookAttemptOutcome.Rejected ? reason + ", which is not retried" : reason;
                AlertLog.WebhookGaveUp(_logger, alert.Kind, alert.ModelName, _endpoint, attempt, summary);
                return false;
            }

            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            delay = delay * 2 < s_maxRetryDelay ? delay * 2 : s_maxRetryDelay;
        }
    }

    internal static bool IsRetryable(HttpStatusCode status)
    {
        int code = (int)status;
        return code is 408 or 429 || code >= 500;
    }

    private async ValueTask<(WebhookAttemptOutcome Outcome, string Reason, Exception? Error)> AttemptAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_attemptTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, _url);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        foreach (KeyValuePair<string, string> header in _headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        try
        {
            using HttpResponseMessage response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return (WebhookAttemptOutcome.Delivered, string.Empty, null);
            }

            string reason = string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            return (IsRetryable(response.StatusCode) ? WebhookAttemptOutcome.Retryable : WebhookAttemptOutcome.Rejected, reason, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Rethrown with the caller's own token, so that the caller recognises its cancellation.
            cancellationToken.ThrowIfCancellationRequested();
            throw;
        }
        catch (OperationCanceledException ex)
        {
            // Our attempt timeout, or the timeout of a caller-supplied HttpClient.
            string reason = string.Create(CultureInfo.InvariantCulture, $"no response within {_attemptTimeout.TotalSeconds:0.###} s");
            return (WebhookAttemptOutcome.Retryable, reason, ex);
        }
        catch (HttpRequestException ex)
        {
            return (WebhookAttemptOutcome.Retryable, "network error: " + ex.Message, ex);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Anything else (a disposed client, a handler bug) will not get better by retrying, and must not escape the sink.
            return (WebhookAttemptOutcome.Rejected, ex.GetType().Name + ": " + ex.Message, ex);
        }
    }

    private static WebhookAlertOptions Validate(IOptions<WebhookAlertOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        WebhookAlertOptions value = options.Value ?? throw new ArgumentNullException(nameof(options));
        var failures = new List<string>();
        ValidateOptionsResult generated = new WebhookAlertOptionsValidator().Validate(Options.DefaultName, value);
        ValidateOptionsResult rules = new WebhookAlertOptionsRulesValidator().Validate(Options.DefaultName, value);
        failures.AddRange(generated.Failures ?? []);
        failures.AddRange(rules.Failures ?? []);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(WebhookAlertOptions), failures);
        }

        return value;
    }

    private static HttpClient CreateHttpClient()
    {
        var handler = new SocketsHttpHandler
        {
            // A long-lived client must still notice DNS changes of the webhook host.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false,
        };

        // Each attempt has its own timeout on the injected clock; the client's own would race it on the real one.
        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
