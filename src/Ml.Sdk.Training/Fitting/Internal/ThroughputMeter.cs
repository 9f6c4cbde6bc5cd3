namespace Ml.Sdk.Training.Fitting.Internal;

/// <summary>Samples per second over the fit so far, and the time left at that pace.</summary>
internal sealed class ThroughputMeter(TimeProvider time)
{
    private readonly long _started = time.GetTimestamp();
    private long _samples;
    private long _batches;

    public TimeSpan Elapsed => time.GetElapsedTime(_started);

    public void Add(long samples)
    {
        _samples += samples;
        _batches++;
    }

    public double SamplesPerSecond
    {
        get
        {
            double seconds = Elapsed.TotalSeconds;
            return seconds > 0 ? _samples / seconds : 0;
        }
    }

    public TimeSpan? Remaining(long batchesLeft)
    {
        if (_batches == 0 || batchesLeft < 0)
        {
            return null;
        }

        return TimeSpan.FromTicks((long)(Elapsed.Ticks / (double)_batches * batchesLeft));
    }
}
