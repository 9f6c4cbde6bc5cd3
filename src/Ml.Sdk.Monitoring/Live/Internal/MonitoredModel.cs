using Ml.Sdk.Monitoring.Drift;
using Ml.Sdk.Monitoring.Performance;
using Ml.Sdk.Monitoring.Profiles;

namespace Ml.Sdk.Monitoring.Live.Internal;

/// <summary>One monitored model's live state: its sampler, window, latest verdicts, counters and ground-truth join.</summary>
internal sealed class MonitoredModel
{
    private readonly ulong _seed;
    private readonly ulong _sampleBelow;
    private readonly bool _sampleAll;
    private long _sequence;
    private long _sampledInferences;
    private long _sampledRows;
    private long _droppedInferences;
    private long _droppedRows;
    private long _unreadable;
    private long _checks;
    private long _checkFailures;
    private long _alerts;
    private ReferenceProfile? _profile;
    private DatasetDriftResult? _latestDrift;
    private PerformanceSnapshot? _latestPerformance;
    private DateTimeOffset? _lastCheck;

    public MonitoredModel(ModelMonitorSettings settings, MlMonitoringOptions options)
    {
        Settings = settings;
        _profile = settings.Profile;
        _sampleAll = settings.SampleRate >= 1.0;
        // rate × 2^64: a uniformly distributed 64-bit hash falls below it with probability rate.
        _sampleBelow = _sampleAll ? ulong.MaxValue : (ulong)(settings.SampleRate * 18446744073709551616.0);
        _seed = (ulong)(uint)settings.Seed * 0x9E3779B97F4A7C15UL;
        Window = new SampleWindow(settings.ColumnCount, settings.WindowRows);
        Scratch = new float[settings.ColumnCount][];
        for (int c = 0; c < Scratch.Length; c++)
        {
            Scratch[c] = new float[settings.WindowRows];
        }

        Cooldown = new Alerts.AlertCooldown(settings.Cooldown);
        ColumnWatches = [.. settings.ColumnWatches.Select(static w => new StreamWatch(w.Column, w.Slot, w.Create()))];
        ErrorWatch = settings.ErrorWatch is { } createErrorDetector ? new StreamWatch(StreamWatch.ErrorSource, -1, createErrorDetector()) : null;
        Join = settings.Performance is null ? null : new GroundTruthJoin(settings.Performance, options, ErrorWatch);
    }

    public ModelMonitorSettings Settings { get; }

    public string Name => Settings.ModelName;

    /// <summary>Gets the window; guarded by the monitoring service's ingest lock.</summary>
    public SampleWindow Window { get; }

    /// <summary>Gets one array per column that a check copies the window into; guarded by <see cref="CheckGate"/>.</summary>
    public float[][] Scratch { get; }

    /// <summary>Gets the gate that lets one check at a time run for this model.</summary>
    public SemaphoreSlim CheckGate { get; } = new(1, 1);

    public Alerts.AlertCooldown Cooldown { get; }

    public GroundTruthJoin? Join { get; }

    /// <summary>Gets the streaming detectors fed with a column's values as rows are taken in.</summary>
    public StreamWatch[] ColumnWatches { get; }

    /// <summary>Gets the streaming detector fed with prediction errors as labels are joined, if any.</summary>
    public StreamWatch? ErrorWatch { get; }

    public ReferenceProfile? Profile
    {
        get => Volatile.Read(ref _profile);
        set => Volatile.Write(ref _profile, value);
    }

    public DatasetDriftResult? LatestDrift
    {
        get => Volatile.Read(ref _latestDrift);
        set => Volatile.Write(ref _latestDrift, value);
    }

    public PerformanceSnapshot? LatestPerformance
    {
        get => Volatile.Read(ref _latestPerformance);
        set => Volatile.Write(ref _latestPerformance, value);
    }

    public long SampledRows => Interlocked.Read(ref _sampledRows);

    public long DroppedRows => Interlocked.Read(ref _droppedRows) + Interlocked.Read(ref _unreadable);

    /// <summary>Decides, without allocating, whether the next inference is sampled: a SplitMix64 hash of the seed and the sequence number.</summary>
    public bool ShouldSample()
    {
        if (_sampleAll)
        {
            return true;
        }

        ulong z = _seed + ((ulong)Interlocked.Increment(ref _sequence) * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return z < _sampleBelow;
    }

    public void CountSampled(int rows)
    {
        Interlocked.Increment(ref _sampledInferences);
        Interlocked.Add(ref _sampledRows, rows);
    }

    public void CountDropped(int rows)
    {
        Interlocked.Increment(ref _droppedInferences);
        Interlocked.Add(ref _droppedRows, rows);
    }

    public void CountUnreadable() => Interlocked.Increment(ref _unreadable);

    public void CountCheck(DateTimeOffset now)
    {
        Interlocked.Increment(ref _checks);
        _lastCheck = now;
    }

    public void CountCheckFailure() => Interlocked.Increment(ref _checkFailures);

    public void CountAlert() => Interlocked.Increment(ref _alerts);

    public ModelMonitorStatus GetStatus(int windowRows) => new()
    {
        ModelName = Name,
        SampledInferences = Interlocked.Read(ref _sampledInferences),
        SampledRows = Interlocked.Read(ref _sampledRows),
        DroppedInferences = Interlocked.Read(ref _droppedInferences),
        UnreadableInferences = Interlocked.Read(ref _unreadable),
        WindowRows = windowRows,
        Checks = Interlocked.Read(ref _checks),
        CheckFailures = Interlocked.Read(ref _checkFailures),
        Alerts = Interlocked.Read(ref _alerts),
        LastCheck = _lastCheck,
        MatchedLabels = Join?.Matched ?? 0,
        UnmatchedLabels = Join?.Unmatched ?? 0,
        ExpiredPredictions = Join?.Expired ?? 0,
        PendingPredictions = Join?.Pending ?? 0,
        StreamingDetections = ColumnWatches.Sum(static w => w.Detections) + (ErrorWatch?.Detections ?? 0),
    };
}
