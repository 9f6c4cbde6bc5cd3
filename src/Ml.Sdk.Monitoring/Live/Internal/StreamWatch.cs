using Ml.Sdk.Monitoring.Streaming;

namespace Ml.Sdk.Monitoring.Live.Internal;

/// <summary>
/// One streaming detector of a monitored model: fed one value per sampled row of a column (or one 0/1 error per joined
/// label), always from one thread at a time (the ingest lock, or the ground-truth join's lock). Detections are counted
/// here and turned into an alert by the next check, which runs outside those locks.
/// </summary>
internal sealed class StreamWatch
{
    /// <summary>The <see cref="Source"/> of the error-stream watch.</summary>
    public const string ErrorSource = "prediction errors";

    private readonly IStreamingDriftDetector _detector;
    private long _detections;
    private long _unreported;

    public StreamWatch(string source, int slot, IStreamingDriftDetector detector)
    {
        Source = source;
        Slot = slot;
        _detector = detector;
        DetectorName = detector.GetType().Name;
    }

    /// <summary>Gets what the detector watches: a column's name, or <see cref="ErrorSource"/>.</summary>
    public string Source { get; }

    /// <summary>Gets the column's slot in a sampled row, or -1 for the error stream.</summary>
    public int Slot { get; }

    /// <summary>Gets the detector's type name, for messages.</summary>
    public string DetectorName { get; }

    /// <summary>Gets how many drifts the detector has found since start.</summary>
    public long Detections => Interlocked.Read(ref _detections);

    /// <summary>Feeds one value; NaN and infinities are skipped (detectors reject them, and a missing value says nothing).</summary>
    public void Feed(double value)
    {
        if (double.IsFinite(value) && _detector.Update(value))
        {
            Interlocked.Increment(ref _detections);
            Interlocked.Increment(ref _unreported);
        }
    }

    /// <summary>Returns the detections since the last call and resets that count.</summary>
    public long TakeUnreported() => Interlocked.Exchange(ref _unreported, 0);
}
