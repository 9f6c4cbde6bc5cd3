using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Ml.Sdk.Monitoring.Alerts;
using Ml.Sdk.Monitoring.Tests.Alerts.TestSupport;

namespace Ml.Sdk.Monitoring.Tests.Alerts;

public sealed class WebhookAlertSinkTests
{
    private static readonly TimeSpan s_retryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_attemptTimeout = TimeSpan.FromSeconds(10);

    private readonly FakeLogger<WebhookAlertSink> _logger = new();

    [Fact]
    public async Task SendAsync_Alert_PostsCamelCaseJsonWithHeaders()
    {
        await using LocalWebhookServer server = LocalWebhookServer.Start(200);
        var options = new WebhookAlertOptions { Url = server.Url };
        options.Headers["Authorization"] = "Bearer t0ken";
        using var sink = new WebhookAlertSink(Options.Create(options), _logger, new FakeTimeProvider());

        await sink.SendAsync(Alert(), CancellationToken.None);

        RecordedRequest request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/hooks/alerts/", request.Path);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        Assert.Equal("Bearer t0ken", request.Headers["Authorization"]);

        using JsonDocument json = JsonDocument.Parse(request.Body);
        JsonElement root = json.RootElement;
        Assert.Equal(["modelName", "modelVersion", "kind", "message", "figures", "timestamp"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("fraud", root.GetProperty("modelName").GetString());
        Assert.Equal("3,4", root.GetProperty("modelVersion").GetString());
        Assert.Equal("PerformanceDegraded", root.GetProperty("kind").GetString());
        Assert.Equal("ROC AUC 0.61 is below 0.7", root.GetProperty("message").GetString());
        Assert.Equal(0.61, root.GetProperty("figures").GetProperty("RocAuc").GetDouble());
        Assert.Equal(1e-9, root.GetProperty("figures").GetProperty("age drift").GetDouble());
        Assert.Equal("NaN", root.GetProperty("figures").GetProperty("Rmse").GetString());
        string timestamp = root.GetProperty("timestamp").GetString()!;
        Assert.Equal("2025-03-04T05:06:07.25+01:00", timestamp);
        Assert.Equal(1, sink.DeliveredCount);
    }

    [Fact]
    public async Task TrySendAsync_ServerErrorThenSuccess_RetriesOnceAfterTheDelay()
    {
        await using LocalWebhookServer server = LocalWebhookServer.Start(500, 200);
        var time = new RecordingTimeProvider();
        using var client = new HttpClient();
        using var sink = CreateSink(server.Url, client, time);

        ValueTask<bool> sending = sink.TrySendAsync(Alert(), CancellationToken.None);
        await time.AdvanceWhenWaitingAsync(s_retryDelay);

        Assert.True(await sending);
        Assert.Equal(2, server.RequestCount);
        Assert.Equal(server.Requests[0].Body, server.Requests[1].Body);
        Assert.Equal(1, sink.DeliveredCount);
        Assert.Equal(0, sink.FailedCount);
        Assert.Single(_logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Id.Id == 6402);
    }

    [Theory]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task TrySendAsync_RetryableStatus_IsRetried(int status)
    {
        await using LocalWebhookServer server = LocalWebhookServer.Start(status, 204);
        var time = new RecordingTimeProvider();
        using var client = new HttpClient();
        using var sink = CreateSink(server.Url, client, time);

        ValueTask<bool> sending = sink.TrySendAsync(Alert(), CancellationToken.None);
        await time.AdvanceWhenWaitingAsync(s_retryDelay);

        Assert.True(await sending);
        Assert.Equal(2, server.RequestCount);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(422)]
    [InlineData(302)]
    public async Task TrySendAsync_ClientErrorOrRedirect_IsNotRetried(int status)
    {
        await using LocalWebhookServer server = LocalWebhookServer.Start(status, 200);
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var sink = CreateSink(server.Url, client, new RecordingTimeProvider());

        bool delivered = await sink.TrySendAsync(Alert(), CancellationToken.None);

        Assert.False(delivered);
        Assert.Equal(1, server.RequestCount);
        Assert.Equal(1, sink.FailedCount);
        IReadOnlyList<FakeLogRecord> logs = _logger.Collector.GetSnapshot();
        Assert.Single(logs, r => r.Level == LogLevel.Warning && r.Id.Id == 6402);
        FakeLogRecord gaveUp = Assert.Single(logs, r => r.Level == LogLevel.Error && r.Id.Id == 6403);
        Assert.Contains($"HTTP {status}", gaveUp.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrySendAsync_AlwaysFailing_GivesUpAfterMaxAttemptsWithDoublingDelays()
    {
        await using LocalWebhookServer server = LocalWebhookServer.Start(_ => new WebhookReply(503));
        var time = new RecordingTimeProvider();
        using var client = new HttpClient();
        using var sink = CreateSink(server.Url, client, time, o => o.MaxAttempts = 4);

        ValueTask<bool> sending = sink.TrySendAsync(Alert(), CancellationToken.None);
        await time.AdvanceWhenWaitingAsync(s_retryDelay);
        await time.AdvanceWhenWaitingAsync(s_retryDelay * 2);
        await time.AdvanceWhenWaitingAsync(s_retryDelay * 4);

        Assert.False(await sending);
        Assert.Equal(4, server.RequestCount);
        Assert.Equal([s_retryDelay, s_retryDelay * 2, s_retryDelay * 4], time.DueTimes.Where(d => d != s_attemptTimeout));
        Assert.Equal(4, time.DueTimes.Count(d => d == s_attemptTimeout));
        Assert.Equal(0, sink.DeliveredCount);
        Assert.Equal(1, sink.FailedCount);
        IReadOnlyList<FakeLogRecord> logs = _logger.Collector.GetSnapshot();
        Assert.Equal(4, logs.Count(r => r.Level == LogLevel.Warning && r.Id.Id == 6402));
        FakeLogRecord gaveUp = Assert.Single(logs, r => r.Level == LogLevel.Error);
        Assert.Equal(6403, gaveUp.Id.Id);
        Assert.Contains("after 4 attempt(s)", gaveUp.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("/hooks/alerts", gaveUp.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrySendAsync_AttemptTimesOutOnTheInjectedClock_RetriesAndDelivers()
    {
        // The first request is held 5 s (real); the attempt times out when the fake clock passes AttemptTimeout.
        await using LocalWebhookServer server = LocalWebhookServer.Start(n => n == 1 ? new WebhookReply(200, TimeSpan.FromSeconds(5)) : new WebhookReply(200));
        var time = new RecordingTimeProvider();
        using var client = new HttpClient();
        using var sink = CreateSink(server.Url, client, time);

        ValueTask<bool> sending = sink.TrySendAsync(Alert(), CancellationToken.None);
        await server.WaitForRequestsAsync(1);
        time.Fake.Advance(s_attemptTimeout);
        await time.AdvanceWhenWaitingAsync(s_retryDelay);

        Assert.True(await sending);
        Assert.Equal(2, server.RequestCount);
        FakeLogRecord attempt = Assert.Single(_logger.Collector.GetSnapshot(), r => r.Id.Id == 6402);
        Assert.Contains("no response within 10 s", attempt.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrySendAsync_AttemptTimesOutOnTheSystemClock_RetriesAndDelivers()
    {
        await using LocalWebhookServer server = LocalWebhookServer.Start(n => n == 1 ? new WebhookReply(200, TimeSpan.FromSeconds(5)) : new WebhookReply(200));
        using var client = new HttpClient();
        using var sink = CreateSink(server.Url, client, TimeProvider.System, o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.RetryDelay = TimeSpan.FromMilliseconds(10);
        });

        bool delivered = await sink.TrySendAsync(Alert(), CancellationToken.None);

        Assert.True(delivered);
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task TrySendAsync_NobodyListening_RetriesNetworkErrorsThenGivesUp()
    {
        var url = new Uri($"http://127.0.0.1:{LocalWebhookServer.FreePort()}/");
        using var client = new HttpClient();
        using var sink = CreateSink(url, client, TimeProvider.System, o => o.RetryDelay = TimeSpan.Zero);

        bool delivered = await sink.TrySendAsync(Alert(), CancellationToken.None);

        Assert.False(delivered);
        IReadOnlyList<FakeLogRecord> logs = _logger.Collector.GetSnapshot();
        Assert.Equal(3, logs.Count(r => r.Id.Id == 6402 && r.Exception is HttpRequestException));
        Assert.Single(logs, r => r.Id.Id == 6403);
    }

    [Fact]
    public async Task SendAsync_CallerCancelsDuringAttempt_ThrowsWithTheCallersToken()
    {
        await using LocalWebhookServer server = LocalWebhookServer.Start(_ => new WebhookReply(200, TimeSpan.FromSeconds(5)));
        using var client = new HttpClient();
        using var sink = CreateSink(server.Url, client, new RecordingTimeProvider());
        using var cancellation = new CancellationTokenSource();

        ValueTask sending = sink.SendAsync(Alert(), cancellation.Token);
        await server.WaitForRequestsAsync(1);
        await cancellation.CancelAsync();

        OperationCanceledException error = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await sending);
        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.Equal(1, server.RequestCount);
        Assert.Equal(0, sink.FailedCount);
        Assert.DoesNotContain(_logger.Collector.GetSnapshot(), r => r.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task SendAsync_CallerCancelsDuringRetryDelay_ThrowsAndStopsRetrying()
    {
        await using LocalWebhookServer server = LocalWebhookServer.Start(_ => new WebhookReply(500));
        var time = new RecordingTimeProvider();
        using var client = new HttpClient();
        using var sink = CreateSink(server.Url, client, time, o => o.RetryDelay = TimeSpan.FromMinutes(5));
        using var cancellation = new CancellationTokenSource();

        ValueTask sending = sink.SendAsync(Alert(), cancellation.Token);
        await time.WaitForTimerAsync(TimeSpan.FromMinutes(5));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await sending);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task SendAsync_AlreadyCancelled_SendsNothing()
    {
        await using LocalWebhookServer server = LocalWebhookServer.Start(200);
        using var client = new HttpClient();
        using var sink = CreateSink(server.Url, client, new RecordingTimeProvider());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await sink.SendAsync(Alert(), new CancellationToken(canceled: true)));

        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public async Task SendAsync_AfterDispose_DoesNotThrowAndCountsAFailure()
    {
        await using LocalWebhookServer server = LocalWebhookServer.Start(200);
        var sink = new WebhookAlertSink(Options.Create(new WebhookAlertOptions { Url = server.Url }), _logger);
        sink.Dispose();

        await sink.SendAsync(Alert(), CancellationToken.None);

        Assert.Equal(1, sink.FailedCount);
        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public async Task Dispose_CallersHttpClient_IsLeftUsable()
    {
        await using LocalWebhookServer server = LocalWebhookServer.Start(200, 200);
        using var client = new HttpClient();
        CreateSink(server.Url, client, new RecordingTimeProvider()).Dispose();

        using HttpResponseMessage response = await client.PostAsync(server.Url, new StringContent("{}"));

        Assert.Equal(200, (int)response.StatusCode);
    }

    private WebhookAlertSink CreateSink(Uri url, HttpClient client, TimeProvider time, Action<WebhookAlertOptions>? configure = null)
    {
        var options = new WebhookAlertOptions { Url = url, RetryDelay = s_retryDelay, AttemptTimeout = s_attemptTimeout };
        configure?.Invoke(options);
        return new WebhookAlertSink(options, client, _logger, time);
    }

    private static MonitoringAlert Alert() => new()
    {
        ModelName = "fraud",
        ModelVersion = "3,4",
        Kind = AlertKind.PerformanceDegraded,
        Message = "ROC AUC 0.61 is below 0.7",
        Figures = new Dictionary<string, double> { ["RocAuc"] = 0.61, ["age drift"] = 1e-9, ["Rmse"] = double.NaN },
        Timestamp = new DateTimeOffset(2025, 3, 4, 5, 6, 7, 250, TimeSpan.FromHours(1)),
    };
}
