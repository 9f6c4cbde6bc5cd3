using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Ml.Sdk.Monitoring.Alerts;
using Ml.Sdk.Monitoring.Alerts.Internal;

namespace Ml.Sdk.Monitoring.Tests.Alerts;

public sealed class AlertDispatcherTests
{
    private readonly FakeLogger<AlertDispatcher> _logger = new();

    [Fact]
    public async Task DispatchAsync_FailingSinks_DoNotStopTheOthers()
    {
        var first = new RecordingSink();
        var last = new RecordingSink();
        IAlertSink[] sinks =
        [
            new ThrowingSink(synchronously: true),
            first,
            new ThrowingSink(synchronously: false),
            last,
        ];
        var dispatcher = new AlertDispatcher(sinks, _logger);
        MonitoringAlert alert = Alert();

        int failures = await dispatcher.DispatchAsync(alert, CancellationToken.None);

        Assert.Equal(2, failures);
        Assert.Equal(2, dispatcher.SinkFailures);
        Assert.Equal(4, dispatcher.SinkCount);
        Assert.Same(alert, Assert.Single(first.Received));
        Assert.Same(alert, Assert.Single(last.Received));
        IReadOnlyList<FakeLogRecord> errors = _logger.Collector.GetSnapshot();
        Assert.Equal(2, errors.Count(r => r.Level == LogLevel.Error && r.Id.Id == 6405 && r.Exception is InvalidOperationException));
        Assert.Contains(nameof(ThrowingSink), errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_Repeatedly_AccumulatesFailures()
    {
        var dispatcher = new AlertDispatcher([new ThrowingSink(synchronously: false)], _logger);

        await dispatcher.DispatchAsync(Alert(), CancellationToken.None);
        await dispatcher.DispatchAsync(Alert(), CancellationToken.None);

        Assert.Equal(2, dispatcher.SinkFailures);
    }

    [Fact]
    public async Task DispatchAsync_SinkCancelledByItself_CountsAsFailure()
    {
        var after = new RecordingSink();
        var dispatcher = new AlertDispatcher([new CancellingSink(), after], _logger);

        int failures = await dispatcher.DispatchAsync(Alert(), CancellationToken.None);

        Assert.Equal(1, failures);
        Assert.Single(after.Received);
    }

    [Fact]
    public async Task DispatchAsync_CallerCancelled_ThrowsAndSkipsTheRest()
    {
        var after = new RecordingSink();
        using var cancellation = new CancellationTokenSource();
        var dispatcher = new AlertDispatcher([new CancellingSink(cancellation), after], _logger);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await dispatcher.DispatchAsync(Alert(), cancellation.Token));

        Assert.Empty(after.Received);
        Assert.Equal(0, dispatcher.SinkFailures);
    }

    [Fact]
    public async Task DispatchAsync_NoSinks_ReturnsZero()
    {
        var dispatcher = new AlertDispatcher([], _logger);

        Assert.Equal(0, await dispatcher.DispatchAsync(Alert(), CancellationToken.None));
    }

    private static MonitoringAlert Alert() => new()
    {
        ModelName = "fraud",
        Kind = AlertKind.DataDrift,
        Message = "drift",
        Figures = new Dictionary<string, double> { ["age"] = 0.2 },
        Timestamp = DateTimeOffset.UnixEpoch,
    };

    private sealed class RecordingSink : IAlertSink
    {
        public List<MonitoringAlert> Received { get; } = [];

        public ValueTask SendAsync(MonitoringAlert alert, CancellationToken cancellationToken)
        {
            Received.Add(alert);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class ThrowingSink(bool synchronously) : IAlertSink
    {
        public ValueTask SendAsync(MonitoringAlert alert, CancellationToken cancellationToken) =>
            synchronously ? throw new InvalidOperationException("sink down") : FailLaterAsync();

        private static async ValueTask FailLaterAsync()
        {
            await Task.Yield();
            throw new InvalidOperationException("sink down");
        }
    }

    private sealed class CancellingSink(CancellationTokenSource? caller = null) : IAlertSink
    {
        public async ValueTask SendAsync(MonitoringAlert alert, CancellationToken cancellationToken)
        {
            await Task.Yield();
            if (caller is null)
            {
                throw new TaskCanceledException("the sink's own timeout");
            }

            await caller.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
