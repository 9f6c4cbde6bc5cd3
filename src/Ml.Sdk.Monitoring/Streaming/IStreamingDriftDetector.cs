namespace Ml.Sdk.Monitoring.Streaming;

/// <summary>
/// A detector that watches one stream of numbers (a feature, a score, or 0/1 errors) one value at a time and says when
/// its distribution has changed. Updates cost O(1) or O(log n) and allocate nothing.
/// </summary>
/// <remarks>Not thread-safe: feed one detector from one thread at a time.</remarks>
public interface IStreamingDriftDetector
{
    /// <summary>Gets how many values the detector has seen since it was created or last reset.</summary>
    long Count { get; }

    /// <summary>Gets whether the last update detected a drift.</summary>
    bool DriftDetected { get; }

    /// <summary>Adds one value.</summary>
    /// <param name="value">The value; NaN is rejected.</param>
    /// <returns><see langword="true"/> when this update detected a drift.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN.</exception>
    bool Update(double value);

    /// <summary>Forgets everything seen so far.</summary>
    void Reset();
}
