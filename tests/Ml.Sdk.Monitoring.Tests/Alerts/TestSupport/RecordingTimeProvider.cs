using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Ml.Sdk.Monitoring.Tests.Alerts.TestSupport;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also records the due time of every timer created on it (attempt timeouts and retry
/// delays alike), so that a test can wait until the code under test is waiting and then move the clock.
/// </summary>
internal sealed class RecordingTimeProvider : TimeProvider
{
    private static readonly TimeSpan s_waitLimit = TimeSpan.FromSeconds(30);

    private readonly Channel<TimeSpan> _created = Channel.CreateUnbounded<TimeSpan>();
    private readonly List<TimeSpan> _dueTimes = [];
    private readonly Lock _lock = new();

    public FakeTimeProvider Fake { get; } = new(new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero));

    /// <summary>Gets the due times of the timers created so far, in order.</summary>
    public IReadOnlyList<TimeSpan> DueTimes
    {
        get
        {
            lock (_lock)
            {
                return [.. _dueTimes];
            }
        }
    }

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ITimer timer = Fake.CreateTimer(callback, state, dueTime, period);
        lock (_lock)
        {
            _dueTimes.Add(dueTime);
        }

        _created.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits until a timer with exactly <paramref name="dueTime"/> is created (skipping the others created before it).</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime)
    {
        using var limit = new CancellationTokenSource(s_waitLimit);
        while (await _created.Reader.ReadAsync(limit.Token) != dueTime)
        {
        }
    }

    /// <summary>Waits until a timer with exactly <paramref name="dueTime"/> is created, then advances the clock by it.</summary>
    public async Task AdvanceWhenWaitingAsync(TimeSpan dueTime)
    {
        await WaitForTimerAsync(dueTime);
        Fake.Advance(dueTime);
    }
}
