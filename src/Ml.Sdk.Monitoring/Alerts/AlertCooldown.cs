using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Ml.Sdk.Monitoring.Alerts;

/// <summary>
/// Decides whether an alert may go out now, so that a persisting or flapping condition does not flood the sinks. Thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// One incident is one alert. Per model and <see cref="AlertKind"/>, the first occurrence alerts; while the condition persists,
/// a repeat alerts only once the cooldown has elapsed since the last alert that went out (a reminder, not a flood). When the
/// condition clears (<see cref="Clear"/>) and comes back, it alerts again only if the cooldown has elapsed since the last
/// alert: a condition that flaps on and off every window would otherwise alert on every flap.
/// </para>
/// <para>
/// Suppressed occurrences do not extend the cooldown; it always runs from the last alert that was let through. A clock that
/// steps back behind the last alert suppresses until it catches up.
/// </para>
/// </remarks>
public sealed class AlertCooldown
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string ModelName, AlertKind Kind), (DateTimeOffset LastAlert, bool IsOpen)> _incidents = [];

    /// <summary>Initializes a new instance of the <see cref="AlertCooldown"/> class with the default cooldown of 30 minutes.</summary>
    public AlertCooldown()
        : this(TimeSpan.FromMinutes(30))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="AlertCooldown"/> class.</summary>
    /// <param name="cooldown">The least time between two alerts of one kind for one model; <see cref="TimeSpan.Zero"/> lets every alert through.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cooldown"/> is negative.</exception>
    public AlertCooldown(TimeSpan cooldown)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cooldown, TimeSpan.Zero);
        Cooldown = cooldown;
    }

    /// <summary>Gets the least time between two alerts of one kind for one model.</summary>
    public TimeSpan Cooldown { get; }

    /// <summary>Records that the condition holds at <paramref name="now"/> and says whether to send its alert.</summary>
    /// <param name="modelName">The monitored model's name (compared ordinally).</param>
    /// <param name="kind">What the alert is about.</param>
    /// <param name="now">The current time, from the host's <see cref="TimeProvider"/>.</param>
    /// <returns><see langword="true"/> when the alert should be sent now (the cooldown then restarts from <paramref name="now"/>); <see langword="false"/> when it is suppressed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="modelName"/> is <see langword="null"/>.</exception>
    public bool TryEnter(string modelName, AlertKind kind, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        lock (_lock)
        {
            ref (DateTimeOffset LastAlert, bool IsOpen) incident = ref CollectionsMarshal.GetValueRefOrAddDefault(_incidents, (modelName, kind), out bool exists);
            incident.IsOpen = true;
            if (exists && now - incident.LastAlert < Cooldown)
            {
                return false;
            }

            incident.LastAlert = now;
            return true;
        }
    }

    /// <summary>Records that the condition has cleared: the incident is over, but the cooldown since its last alert still holds.</summary>
    /// <param name="modelName">The monitored model's name.</param>
    /// <param name="kind">What the alert was about.</param>
    /// <exception cref="ArgumentNullException"><paramref name="modelName"/> is <see langword="null"/>.</exception>
    public void Clear(string modelName, AlertKind kind)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        lock (_lock)
        {
            ref (DateTimeOffset LastAlert, bool IsOpen) incident = ref CollectionsMarshal.GetValueRefOrNullRef(_incidents, (modelName, kind));
            if (!Unsafe.IsNullRef(ref incident))
            {
                incident.IsOpen = false;
            }
        }
    }

    /// <summary>Gets whether the condition was last reported as holding (by <see cref="TryEnter"/>) rather than cleared.</summary>
    /// <param name="modelName">The monitored model's name.</param>
    /// <param name="kind">What the alert is about.</param>
    /// <returns><see langword="true"/> while an incident is open, whether or not its latest occurrence was suppressed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="modelName"/> is <see langword="null"/>.</exception>
    public bool IsOpen(string modelName, AlertKind kind)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        lock (_lock)
        {
            return _incidents.TryGetValue((modelName, kind), out (DateTimeOffset LastAlert, bool IsOpen) incident) && incident.IsOpen;
        }
    }
}
