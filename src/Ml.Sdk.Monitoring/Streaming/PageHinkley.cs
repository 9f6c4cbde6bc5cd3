namespace Ml.Sdk.Monitoring.Streaming;

/// <summary>
/// The Page–Hinkley test (Page 1954) on the running mean, one- or two-sided, with a fading factor: the same detections
/// as River's <c>river.drift.PageHinkley</c> on the same stream.
/// </summary>
/// <remarks>
/// <para>
/// With <c>x̄</c> the running mean and <c>d = x - x̄</c>, each update sets <c>S⁺ = alpha · S⁺ + d - delta</c> and
/// <c>S⁻ = alpha · S⁻ + d + delta</c>, tracks <c>min S⁺</c> (from +∞) and <c>max S⁻</c> (from -1, as River starts it),
/// and, from the <c>minInstances</c>-th value on, reports a drift when <c>S⁺ - min S⁺ &gt; threshold</c> (increase)
/// or <c>max S⁻ - S⁻ &gt; threshold</c> (decrease), as <see cref="Mode"/> selects. As in River, the update after a
/// detection starts again from nothing.
/// <see cref="Count"/> keeps counting across that restart; only <see cref="Reset"/> clears it.
/// </para>
/// <para>O(1) per update, no allocation. Not thread-safe.</para>
/// </remarks>
public sealed class PageHinkley : IStreamingDriftDetector
{
    private double _meanCount;
    private double _mean;

    /// <summary>Creates a detector with River's defaults unless told otherwise.</summary>
    /// <param name="minInstances">How many values (since the start or the last detection) come before a drift can be reported; at least 1.</param>
    /// <param name="delta">The magnitude of change tolerated per value; finite and at least 0.</param>
    /// <param name="threshold">The detection threshold λ; finite and greater than 0.</param>
    /// <param name="alpha">The fading factor applied to the cumulative sums, in (0, 1].</param>
    /// <param name="mode">Which changes are reported.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    public PageHinkley(int minInstances = 30, double delta = 0.005, double threshold = 50.0, double alpha = 1 - 0.0001, PageHinkleyMode mode = PageHinkleyMode.Both)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minInstances, 1);
        if (!(delta >= 0.0 && double.IsFinite(delta)))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "delta must be finite and at least 0.");
        }

        if (!(threshold > 0.0 && double.IsFinite(threshold)))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "threshold must be finite and greater than 0.");
        }

        if (!(alpha > 0.0 && alpha <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in (0, 1].");
        }

        if (mode is not (PageHinkleyMode.Both or PageHinkleyMode.Up or PageHinkleyMode.Down))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "mode must be Both, Up or Down.");
        }

        MinInstances = minInstances;
        Delta = delta;
        Threshold = threshold;
        Alpha = alpha;
        Mode = mode;
        ClearStatistics();
    }

    /// <summary>Gets how many values come before a drift can be reported.</summary>
    public int MinInstances { get; }

    /// <summary>Gets the magnitude of change tolerated per value.</summary>
    public double Delta { get; }

    /// <summary>Gets the detection threshold λ.</summary>
    public double Threshold { get; }

    /// <summary>Gets the fading factor applied to the cumulative sums.</summary>
    public double Alpha { get; }

    /// <summary>Gets which changes are reported.</summary>
    public PageHinkleyMode Mode { get; }

    /// <inheritdoc/>
    public long Count { get; private set; }

    /// <inheritdoc/>
    public bool DriftDetected { get; private set; }

    /// <summary>Gets the running mean since the start or the last detection.</summary>
    public double Mean => _mean;

    /// <summary>Gets the cumulative sum for increases, <c>S⁺</c>.</summary>
    public double SumIncrease { get; private set; }

    /// <summary>Gets the cumulative sum for decreases, <c>S⁻</c>.</summary>
    public double SumDecrease { get; private set; }

    /// <summary>Gets the smallest <see cref="SumIncrease"/> so far (+∞ before the first value).</summary>
    public double MinSumIncrease { get; private set; }

    /// <summary>Gets the largest <see cref="SumDecrease"/> so far (-1 before it first exceeds -1, as in River).</summary>
    public double MaxSumDecrease { get; private set; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN or infinite.</exception>
    public bool Update(double value)
    {
        if (!double.IsFinite(value))
        {
            ThrowNotFinite(value);
        }

        if (DriftDetected)
        {
            ClearStatistics();
        }

        Count++;

        // River's stats.Mean: n += 1; mean += (1 / n) * (x - mean).
        _meanCount += 1.0;
        _mean += 1.0 / _meanCount * (value - _mean);
        double deviation = value - _mean;

        double sumIncrease = (Alpha * SumIncrease) + deviation - Delta;
        double sumDecrease = (Alpha * SumDecrease) + deviation + Delta;
        SumIncrease = sumIncrease;
        SumDecrease = sumDecrease;
        if (sumIncrease < MinSumIncrease)
        {
            MinSumIncrease = sumIncrease;
        }

        if (sumDecrease > MaxSumDecrease)
        {
            MaxSumDecrease = sumDecrease;
        }

        bool detected = false;
        if (_meanCount >= MinInstances)
        {
            bool increase = sumIncrease - MinSumIncrease > Threshold;
            bool decrease = MaxSumDecrease - sumDecrease > Threshold;
            detected = Mode switch
            {
                PageHinkleyMode.Up => increase,
                PageHinkleyMode.Down => decrease,
                _ => increase || decrease,
            };
        }

        DriftDetected = detected;
        return detected;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        ClearStatistics();
        Count = 0;
        DriftDetected = false;
    }

    private void ClearStatistics()
    {
        _meanCount = 0.0;
        _mean = 0.0;
        SumIncrease = 0.0;
        SumDecrease = 0.0;
        MinSumIncrease = double.PositiveInfinity;
        MaxSumDecrease = -1.0;
    }

    private static void ThrowNotFinite(double value) =>
        throw new ArgumentException($"A streaming detector accepts finite values only, not {value}.", nameof(value));
}
