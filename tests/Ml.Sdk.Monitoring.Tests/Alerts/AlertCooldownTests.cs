using Microsoft.Extensions.Time.Testing;
using Ml.Sdk.Monitoring.Alerts;

namespace Ml.Sdk.Monitoring.Tests.Alerts;

public sealed class AlertCooldownTests
{
    private static readonly TimeSpan s_cooldown = TimeSpan.FromMinutes(30);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly AlertCooldown _cooldown = new();

    [Fact]
    public void Constructor_Default_IsThirtyMinutes()
    {
        Assert.Equal(s_cooldown, _cooldown.Cooldown);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AlertCooldown(TimeSpan.FromTicks(-1)));
    }

    [Fact]
    public void TryEnter_PersistingCondition_RepeatsOnlyOncePerCooldown()
    {
        Assert.True(Enter());
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.False(Enter());
        _time.Advance(TimeSpan.FromMinutes(19));
        Assert.False(Enter());
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(Enter());
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(Enter());
    }

    [Fact]
    public void TryEnter_SuppressedRepeats_DoNotExtendTheCooldown()
    {
        Assert.True(Enter());
        for (int minute = 5; minute < 30; minute += 5)
        {
            _time.Advance(TimeSpan.FromMinutes(5));
            Assert.False(Enter());
        }

        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(Enter());
    }

    [Fact]
    public void TryEnter_ClearedAndBackWithinCooldown_IsSuppressedAsFlapping()
    {
        Assert.True(Enter());
        _time.Advance(TimeSpan.FromMinutes(5));
        _cooldown.Clear("fraud", AlertKind.DataDrift);
        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.False(Enter());
        Assert.True(_cooldown.IsOpen("fraud", AlertKind.DataDrift));
    }

    [Fact]
    public void TryEnter_ClearedAndBackAfterCooldown_AlertsAgain()
    {
        Assert.True(Enter());
        _cooldown.Clear("fraud", AlertKind.DataDrift);
        Assert.False(_cooldown.IsOpen("fraud", AlertKind.DataDrift));
        _time.Advance(TimeSpan.FromMinutes(45));

        Assert.True(Enter());
    }

    [Fact]
    public void TryEnter_OtherModelOrKind_HasItsOwnCooldown()
    {
        DateTimeOffset now = _time.GetUtcNow();

        Assert.True(_cooldown.TryEnter("fraud", AlertKind.DataDrift, now));
        Assert.True(_cooldown.TryEnter("fraud", AlertKind.PerformanceDegraded, now));
        Assert.True(_cooldown.TryEnter("Fraud", AlertKind.DataDrift, now));
        Assert.True(_cooldown.TryEnter("churn", AlertKind.DataDrift, now));
        Assert.False(_cooldown.TryEnter("fraud", AlertKind.DataDrift, now));
    }

    [Fact]
    public void TryEnter_ClockStepsBack_IsSuppressed()
    {
        Assert.True(Enter());

        Assert.False(_cooldown.TryEnter("fraud", AlertKind.DataDrift, _time.GetUtcNow() - TimeSpan.FromHours(2)));
    }

    [Fact]
    public void TryEnter_ZeroCooldown_LetsEveryAlertThrough()
    {
        var cooldown = new AlertCooldown(TimeSpan.Zero);
        DateTimeOffset now = _time.GetUtcNow();

        Assert.True(cooldown.TryEnter("m", AlertKind.DataDrift, now));
        Assert.True(cooldown.TryEnter("m", AlertKind.DataDrift, now));
    }

    [Fact]
    public void Clear_UnknownIncident_IsHarmless()
    {
        _cooldown.Clear("never", AlertKind.FairnessViolated);

        Assert.False(_cooldown.IsOpen("never", AlertKind.FairnessViolated));
        Assert.True(_cooldown.TryEnter("never", AlertKind.FairnessViolated, _time.GetUtcNow()));
    }

    [Fact]
    public void TryEnter_ManyThreadsAtOnce_LetsExactlyOneThrough()
    {
        DateTimeOffset now = _time.GetUtcNow();
        int entered = 0;

        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            if (_cooldown.TryEnter($"model-{i % 4}", AlertKind.DataDrift, now))
            {
                Interlocked.Increment(ref entered);
            }
        });

        Assert.Equal(4, entered);
    }

    private bool Enter() => _cooldown.TryEnter("fraud", AlertKind.DataDrift, _time.GetUtcNow());
}
