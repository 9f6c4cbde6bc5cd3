using Ml.Sdk.Monitoring.Statistics;
using Ml.Sdk.Monitoring.Streaming.Internal;

namespace Ml.Sdk.Monitoring.Streaming;

/// <summary>
/// KSWIN, Kolmogorov–Smirnov windowing (Raab et al. 2020): compares the newest <c>statSize</c> values of a sliding
/// window with <c>statSize</c> values drawn at random from the rest of it. Given a seed, the same detections as River's
/// <c>river.drift.KSWIN(seed=seed)</c> on the same stream.
/// </summary>
/// <remarks>
/// <para>
/// Once the window holds <c>windowSize</c> values, every update draws a reference sample of <c>statSize</c> of the older
/// values, runs the exact two-sample Kolmogorov–Smirnov test of it against the newest <c>statSize</c> values, and
/// reports a drift when the p-value is at most <c>alpha</c> and the statistic exceeds 0.1. As in River, the update after a
/// detection starts again from an empty window. <see cref="Count"/> keeps counting across that restart; only
/// <see cref="Reset"/> clears it.
/// </para>
/// <para>
/// The sample, as River draws it. With a <c>seed</c>, exactly River's <c>random.Random(seed).sample(range(windowSize -
/// statSize), statSize)</c> (this class reproduces CPython's Mersenne Twister and <c>sample</c>), reseeded after every
/// detection as River's <c>_reset</c> does, so the detections are River's. Without one (River's default,
/// <c>seed=None</c>, where no seed can reproduce River's draws), a uniform sample from Ml.Sdk's own generator (wyrand with
/// Lemire's bounded draws): the same distribution at a fraction of the cost, continued rather than restarted after a
/// detection (River draws fresh randomness there), and started from a fixed state, so that unseeded detectors are
/// reproducible too.
/// </para>
/// <para>
/// Deliberate difference: the values are compared as <see cref="float"/> (the precision of
/// <see cref="KolmogorovSmirnovTest"/>), so values that differ only beyond float precision tie.
/// </para>
/// <para>
/// Each update costs O(windowSize) simple steps, independent of the stream's length, and nothing sorts. On processors
/// with AVX-512 VBMI, windows of up to 128 values (River's default is 100) are the ages of the values in value order,
/// 128 bytes that one byte permutation updates, and D is a running sum over them of the drawn ages' marks; otherwise
/// windows of up to 255 values are the rank of each value among its distinct values, updated by vector operations over
/// bytes; longer windows keep a sorted array. CPython's generator runs a block of 624 words at a time. Every buffer is
/// allocated in the constructor. Not thread-safe.
/// </para>
/// </remarks>
public sealed class Kswin : IStreamingDriftDetector
{
    private readonly KswinSampler _sampler;
    private readonly KswinWindow _window;
    private readonly KswinLatticeTable _lattice;

    // The window's count, kept here too so that an update asks the window nothing.
    private int _windowCount;

    /// <summary>Creates a detector with River's defaults unless told otherwise.</summary>
    /// <param name="alpha">The significance level of the test, in [0, 1]; River advises below 0.01.</param>
    /// <param name="windowSize">The length of the sliding window, at least <c>2 · statSize</c> (the sample is drawn without replacement from the older <c>windowSize - statSize</c> values).</param>
    /// <param name="statSize">How many of the newest values are tested, and how many older ones are drawn; at least 1.</param>
    /// <param name="seed">
    /// The seed of the generator that draws the reference sample, as River's <c>seed</c> (CPython seeds with its absolute
    /// value): given, the draws are River's; <see langword="null"/> (River's default), a uniform sample from Ml.Sdk's
    /// faster generator.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    public Kswin(double alpha = 0.005, int windowSize = 100, int statSize = 30, int? seed = null)
    {
        if (!(alpha >= 0.0 && alpha <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in [0, 1].");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(statSize, 1);
        if (windowSize < 2L * statSize)
        {
            throw new ArgumentOutOfRangeException(nameof(windowSize), windowSize, "windowSize must be at least twice statSize.");
        }

        Alpha = alpha;
        WindowSize = windowSize;
        StatSize = statSize;
        Seed = seed;
        _sampler = KswinSampler.Create(seed);
        _sampler.EnsureSampleCapacity(windowSize - statSize);
        _window = KswinWindow.Create(windowSize, statSize);
        _lattice = new KswinLatticeTable(statSize, alpha);
        ClearWindow();
    }

    /// <summary>Gets the significance level of the test.</summary>
    public double Alpha { get; }

    /// <summary>Gets the length of the sliding window.</summary>
    public int WindowSize { get; }

    /// <summary>Gets how many of the newest values are tested against as many drawn from the rest of the window.</summary>
    public int StatSize { get; }

    /// <summary>Gets the seed of the generator that draws River's reference sample, or <see langword="null"/> for Ml.Sdk's own uniform sampler.</summary>
    public int? Seed { get; }

    /// <inheritdoc/>
    public long Count { get; private set; }

    /// <inheritdoc/>
    public bool DriftDetected { get; private set; }

    /// <summary>Gets the p-value of the last test (0 before the window first fills, as River's <c>p_value</c>).</summary>
    public double PValue { get; private set; }

    /// <summary>Gets the Kolmogorov–Smirnov statistic of the last test (0 before the window first fills).</summary>
    public double Statistic { get; private set; }

    /// <summary>Gets how many values the sliding window holds.</summary>
    public int WindowCount => _windowCount;

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
            // River's _reset: a new empty window and random.Random(seed) again.
            ClearWindow();
            _sampler.RestartAfterDetection();
        }

        Count++;

        // River draws its sample from the window after the append; the draw depends on the generator alone, so the
        // window draws first, which lets the draw's steps overlap the append. The test compares float values (the
        // precision of KolmogorovSmirnovTest), so the window stores them.
        bool full = _windowCount + 1 >= WindowSize;
        int h = _window.Update((float)value, _sampler, full);
        _windowCount = full ? WindowSize : _windowCount + 1;

        bool detected = false;
        if (full)
        {
            // Equal sample sizes put D on the lattice h / statSize, and the exact test's statistic, p-value and verdict
            // depend on h alone: they are computed once per h (by the same exact test) and looked up afterwards.
            _lattice.Get(h, out double statistic, out double pValue, out detected);
            Statistic = statistic;
            PValue = pValue;
        }

        DriftDetected = detected;
        return detected;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        ClearWindow();
        _sampler.Reset();
        Count = 0;
        DriftDetected = false;
    }

    private void ClearWindow()
    {
        _window.Clear();
        _windowCount = 0;
        PValue = 0.0;
        Statistic = 0.0;
    }

    private static void ThrowNotFinite(double value) =>
        throw new ArgumentException($"A streaming detector accepts finite values only, not {value}.", nameof(value));
}
