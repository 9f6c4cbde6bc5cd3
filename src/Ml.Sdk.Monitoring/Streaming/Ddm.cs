namespace Ml.Sdk.Monitoring.Streaming;

/// <summary>
/// DDM, the Drift Detection Method (Gama et al. 2004), on a stream of prediction outcomes (1 for an error, 0 for a
/// correct prediction): the same warnings and detections as River's <c>river.drift.binary.DDM</c> on the same stream.
/// </summary>
/// <remarks>
/// <para>
/// With <c>p</c> the running error rate and <c>s = sqrt(p (1 - p) / n)</c>, once more than <c>warmStart</c> values
/// have been seen each update records <c>(p_min, s_min) = (p, s)</c> when <c>p + s &lt;= p_min + s_min</c>, then
/// reports a warning when <c>p + s &gt; p_min + warningThreshold · s_min</c> and a drift (which clears the warning)
/// when <c>p + s &gt; p_min + driftThreshold · s_min</c>. As in River, the update after a detection starts again from
/// nothing.
/// <see cref="Count"/> keeps counting across that restart; only <see cref="Reset"/> clears it.
/// </para>
/// <para>O(1) per update, no allocation. Not thread-safe.</para>
/// </remarks>
public sealed class Ddm : IStreamingDriftDetector
{
    private double _n;
    private double _errorRate;

    /// <summary>Creates a detector with River's defaults unless told otherwise.</summary>
    /// <param name="warmStart">How many values (since the start or the last detection) must be exceeded before the minimum is recorded and a warning or drift reported; at least 0.</param>
    /// <param name="warningThreshold">The multiple <c>w</c> in <c>p + s &gt; p_min + w · s_min</c> that raises a warning; finite and greater than 0.</param>
    /// <param name="driftThreshold">The multiple <c>d</c> in <c>p + s &gt; p_min + d · s_min</c> that reports a drift; finite and greater than 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    public Ddm(int warmStart = 30, double warningThreshold = 2.0, double driftThreshold = 3.0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(warmStart);
        if (!(warningThreshold > 0.0 && double.IsFinite(warningThreshold)))
        {
            throw new ArgumentOutOfRangeException(nameof(warningThreshold), warningThreshold, "warningThreshold must be finite and greater than 0.");
        }

        if (!(driftThreshold > 0.0 && double.IsFinite(driftThreshold)))
        {
            throw new ArgumentOutOfRangeException(nameof(driftThreshold), driftThreshold, "driftThreshold must be finite and greater than 0.");
        }

        WarmStart = warmStart;
        WarningThreshold = warningThreshold;
        DriftThreshold = driftThreshold;
        ClearStatistics();
    }

    /// <summary>Gets how many values must be exceeded before a warning or drift can be reported.</summary>
    public int WarmStart { get; }

    /// <summary>Gets the multiple of <c>s_min</c> that raises a warning.</summary>
    public double WarningThreshold { get; }

    /// <summary>Gets the multiple of <c>s_min</c> that reports a drift.</summary>
    public double DriftThreshold { get; }

    /// <inheritdoc/>
    public long Count { get; private set; }

    /// <inheritdoc/>
    public bool DriftDetected { get; private set; }

    /// <summary>Gets whether the last update left the detector in the warning zone (never together with a drift).</summary>
    public bool WarningDetected { get; private set; }

    /// <summary>Gets the error rate <c>p</c> since the start or the last detection.</summary>
    public double ErrorRate => _errorRate;

    /// <summary>Gets the standard deviation of the error rate, <c>s = sqrt(p (1 - p) / n)</c>; 0 before the first value.</summary>
    public double StandardDeviation => _n == 0.0 ? 0.0 : Math.Sqrt(_errorRate * (1 - _errorRate) / _n);

    /// <summary>Gets <c>p_min</c>, the error rate where <c>p + s</c> was smallest (+∞ until recorded).</summary>
    public double MinErrorRate { get; private set; }

    /// <summary>Gets <c>s_min</c>, the standard deviation where <c>p + s</c> was smallest (+∞ until recorded).</summary>
    public double MinStandardDeviation { get; private set; }

    /// <summary>Adds one prediction outcome.</summary>
    /// <param name="error"><see langword="true"/> for a wrong prediction, <see langword="false"/> for a right one.</param>
    /// <returns><see langword="true"/> when this update detected a drift.</returns>
    public bool Update(bool error) => Step(error ? 1.0 : 0.0);

    /// <inheritdoc/>
    /// <param name="value">1 for an error, 0 for a correct prediction.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is neither 0 nor 1.</exception>
    public bool Update(double value)
    {
        if (value is not (0.0 or 1.0))
        {
            ThrowNotBinary(value);
        }

        return Step(value);
    }

    /// <inheritdoc/>
    public void Reset()
    {
        ClearStatistics();
        Count = 0;
        DriftDetected = false;
        WarningDetected = false;
    }

    private bool Step(double value)
    {
        if (DriftDetected)
        {
            ClearStatistics();
            DriftDetected = false;
            WarningDetected = false;
        }

        Count++;

        // River's stats.Mean: n += 1; mean += (1 / n) * (x - mean).
        _n += 1.0;
        _errorRate += 1.0 / _n * (value - _errorRate);
        double p = _errorRate;
        double s = Math.Sqrt(p * (1 - p) / _n);

        if (_n > WarmStart)
        {
            if (p + s <= MinErrorRate + MinStandardDeviation)
            {
                MinErrorRate = p;
                MinStandardDeviation = s;
            }

            WarningDetected = p + s > MinErrorRate + (WarningThreshold * MinStandardDeviation);
            if (p + s > MinErrorRate + (DriftThreshold * MinStandardDeviation))
            {
                DriftDetected = true;
                WarningDetected = false;
            }
        }

        return DriftDetected;
    }

    private void ClearStatistics()
    {
        _n = 0.0;
        _errorRate = 0.0;
        MinErrorRate = double.PositiveInfinity;
        MinStandardDeviation = double.PositiveInfinity;
    }

    private static void ThrowNotBinary(double value)
    {
        if (double.IsNaN(value))
        {
            throw new ArgumentException("DDM takes 1 for an error and 0 for a correct prediction, not NaN.", nameof(value));
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, "DDM takes 1 for an error and 0 for a correct prediction.");
    }
}
