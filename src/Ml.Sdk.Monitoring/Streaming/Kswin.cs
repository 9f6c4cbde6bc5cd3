using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ml.Sdk.Monitoring.Statistics;
using Ml.Sdk.Monitoring.Streaming.Internal;

namespace Ml.Sdk.Monitoring.Streaming;

/// <summary>
/// KSWIN, Kolmogorov–Smirnov windowing (Raab et al. 2020): compares the newest <c>statSize</c> values of a sliding
/// window with <c>statSize</c> values drawn at random from the rest of it. With the same seed, the same detections as
/// River's <c>river.drift.KSWIN(seed=seed)</c> on the same stream.
/// </summary>
/// <remarks>
/// <para>
/// Once the window holds <c>windowSize</c> values, every update draws the reference sample exactly as River does,
/// <c>random.Random(seed).sample(range(windowSize - statSize), statSize)</c> (this class reproduces CPython's Mersenne
/// Twister and <c>sample</c>), runs the exact two-sample Kolmogorov–Smirnov test of it against the newest
/// <c>statSize</c> values, and reports a drift when the p-value is at most <c>alpha</c> and the statistic exceeds 0.1.
/// As in River, the update after a detection starts again from an empty window and a freshly seeded generator.
/// <see cref="Count"/> keeps counting across that restart; only <see cref="Reset"/> clears it.
/// </para>
/// <para>
/// Deliberate difference: River's <c>seed</c> defaults to <c>None</c>, a random seed; here it defaults to 0 so that a
/// detector is reproducible unless the caller asks for another seed. The values are compared as <see cref="float"/>
/// (the precision of <see cref="KolmogorovSmirnovTest"/>), so values that differ only beyond float precision tie.
/// </para>
/// <para>
/// Each update costs O(windowSize) simple steps, independent of the stream's length: the window is kept sorted
/// incrementally, the drawn sample is marked rather than sorted, and D is read off in one pass over the sorted window.
/// Every buffer is allocated in the constructor. Not thread-safe.
/// </para>
/// </remarks>
public sealed class Kswin : IStreamingDriftDetector
{
    private readonly PythonRandom _random;

    // The window as a ring of the float values the test compares; _start is the oldest slot.
    private readonly float[] _window;

    // The window's values in ascending order, with the ring slot each came from.
    private readonly float[] _sorted;
    private readonly int[] _sortedSlot;

    // Per ring slot: +1 while the slot is in the drawn reference sample, -1 while it is one of the newest statSize
    // values, 0 otherwise; the running sum over the sorted window is then i - j of the two empirical distributions.
    private readonly int[] _weight;

    private readonly int[] _drawn;
    private readonly KswinLatticeTable _lattice;
    private int _start;
    private int _filled;

    /// <summary>Creates a detector with River's defaults unless told otherwise.</summary>
    /// <param name="alpha">The significance level of the test, in [0, 1]; River advises below 0.01.</param>
    /// <param name="windowSize">The length of the sliding window, at least <c>2 · statSize</c> (the sample is drawn without replacement from the older <c>windowSize - statSize</c> values).</param>
    /// <param name="statSize">How many of the newest values are tested, and how many older ones are drawn; at least 1.</param>
    /// <param name="seed">The seed of the generator that draws the reference sample, as River's <c>seed</c>; CPython seeds with its absolute value.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    public Kswin(double alpha = 0.005, int windowSize = 100, int statSize = 30, int seed = 0)
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
        _random = new PythonRandom(seed);
        _random.EnsureSampleCapacity(windowSize - statSize);
        _window = new float[windowSize];
        _sorted = new float[windowSize];
        _sortedSlot = new int[windowSize];
        _weight = new int[windowSize];
        _drawn = new int[statSize];
        _lattice = new KswinLatticeTable(statSize, alpha);
        ClearWindow();
    }

    /// <summary>Gets the significance level of the test.</summary>
    public double Alpha { get; }

    /// <summary>Gets the length of the sliding window.</summary>
    public int WindowSize { get; }

    /// <summary>Gets how many of the newest values are tested against as many drawn from the rest of the window.</summary>
    public int StatSize { get; }

    /// <summary>Gets the seed of the generator that draws the reference sample.</summary>
    public int Seed { get; }

    /// <inheritdoc/>
    public long Count { get; private set; }

    /// <inheritdoc/>
    public bool DriftDetected { get; private set; }

    /// <summary>Gets the p-value of the last test (0 before the window first fills, as River's <c>p_value</c>).</summary>
    public double PValue { get; private set; }

    /// <summary>Gets the Kolmogorov–Smirnov statistic of the last test (0 before the window first fills).</summary>
    public double Statistic { get; private set; }

    /// <summary>Gets how many values the sliding window holds.</summary>
    public int WindowCount => _filled;

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
        }

        Count++;

        // The test compares float values (the precision of KolmogorovSmirnovTest), so the window stores them.
        Append((float)value);

        bool detected = false;
        if (_filled >= WindowSize)
        {
            int older = WindowSize - StatSize;
            _random.Sample(older, _drawn);
            MarkDrawn(1);
            int h = LatticeDistance();
            MarkDrawn(0);

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
        Count = 0;
        DriftDetected = false;
    }

    /// <summary>Sets the weight of every drawn slot (the draws are positions among the older values, oldest first).</summary>
    private void MarkDrawn(int weight)
    {
        int[] drawn = _drawn;
        int[] slotWeight = _weight;
        int length = _window.Length;
        for (int i = 0; i < drawn.Length; i++)
        {
            int slot = _start + drawn[i];
            slotWeight[slot < length ? slot : slot - length] = weight;
        }
    }

    /// <summary>
    /// h = statSize · D: the largest |i - j| over the distinct values of the full window, where i and j count the drawn
    /// and the newest values at most that value.
    /// </summary>
    /// <remarks>
    /// Values of the window outside both samples only repeat the previous running sum (or 0 before the first sample
    /// value), so they add no new extreme, and comparing only at the last copy of a value treats ties as scipy's
    /// <c>searchsorted(side='right')</c> does, exactly as <see cref="KolmogorovSmirnovTest"/>'s merge pass.
    /// </remarks>
    private int LatticeDistance()
    {
        // Every index stays below the window length (the slots index the ring), so the loop reads without bounds
        // checks; it runs once per update over the whole window, the hottest loop of the detector.
        ref float sorted = ref MemoryMarshal.GetArrayDataReference(_sorted);
        ref int sortedSlot = ref MemoryMarshal.GetArrayDataReference(_sortedSlot);
        ref int slotWeight = ref MemoryMarshal.GetArrayDataReference(_weight);
        int last = _sorted.Length - 1;
        int sum = 0;
        int max = 0;
        int min = 0;
        float next = sorted;
        for (int p = 0; p < last; p++)
        {
            float current = next;
            next = Unsafe.Add(ref sorted, p + 1);
            sum += Unsafe.Add(ref slotWeight, Unsafe.Add(ref sortedSlot, p));

            // 0 is neutral for both extremes, so inside a run of ties the select keeps them unchanged without a branch.
            int atBoundary = current != next ? sum : 0;
            max = Math.Max(max, atBoundary);
            min = Math.Min(min, atBoundary);
        }

        // The last value closes both distributions at 1, a difference of 0.
        return Math.Max(max, -min);
    }

    private void Append(float value)
    {
        int length = _window.Length;
        if (_filled < length)
        {
            // After ClearWindow the ring starts at slot 0, so the slot of the next value is the count.
            int slot = _filled;
            _window[slot] = value;
            int at = UpperBound(_sorted.AsSpan(0, _filled), value);
            _sorted.AsSpan(at, _filled - at).CopyTo(_sorted.AsSpan(at + 1));
            _sortedSlot.AsSpan(at, _filled - at).CopyTo(_sortedSlot.AsSpan(at + 1));
            _sorted[at] = value;
            _sortedSlot[at] = slot;
            _filled++;
            if (_filled == length)
            {
                int older = length - StatSize;
                for (int i = 0; i < length; i++)
                {
                    _weight[i] = i < older ? 0 : -1;
                }
            }
        }
        else
        {
            // The deque is full: the oldest value falls out and the new one takes its slot, which becomes the newest.
            int slot = _start;
            float leaving = _window[slot];
            _window[slot] = value;
            _start = _start + 1 == length ? 0 : _start + 1;
            Replace(FindSorted(leaving, slot), value, slot);

            // The slot that was the oldest of the newest statSize values is now the newest of the older ones.
            int moved = _start + (length - StatSize - 1);
            _weight[moved < length ? moved : moved - length] = 0;
            _weight[slot] = -1;
        }
    }

    /// <summary>Moves the sorted entry at <paramref name="from"/> to where <paramref name="value"/> belongs.</summary>
    private void Replace(int from, float value, int slot)
    {
        Span<float> sorted = _sorted;
        Span<int> sortedSlot = _sortedSlot;
        int upper = UpperBound(sorted, value);
        int to;
        if (upper > from)
        {
            // Everything in (from, upper) is at most value: shift it down one place.
            to = upper - 1;
            sorted.Slice(from + 1, to - from).CopyTo(sorted.Slice(from));
            sortedSlot.Slice(from + 1, to - from).CopyTo(sortedSlot.Slice(from));
        }
        else
        {
            // Everything in [upper, from) exceeds value: shift it up one place.
            to = upper;
            sorted.Slice(to, from - to).CopyTo(sorted.Slice(to + 1));
            sortedSlot.Slice(to, from - to).CopyTo(sortedSlot.Slice(to + 1));
        }

        sorted[to] = value;
        sortedSlot[to] = slot;
    }

    /// <summary>The position in the sorted window of the entry for <paramref name="slot"/>, whose value is <paramref name="value"/>.</summary>
    private int FindSorted(float value, int slot)
    {
        // The first entry not below value starts the run of equal values; the slot is somewhere in that run.
        ReadOnlySpan<float> sorted = _sorted;
        int low = 0;
        int high = sorted.Length;
        while (low < high)
        {
            int middle = (int)((uint)(low + high) >> 1);
            if (sorted[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        while (_sortedSlot[low] != slot)
        {
            low++;
        }

        return low;
    }

    /// <summary>The number of entries at most <paramref name="value"/>.</summary>
    private static int UpperBound(ReadOnlySpan<float> sorted, float value)
    {
        int low = 0;
        int high = sorted.Length;
        while (low < high)
        {
            int middle = (int)((uint)(low + high) >> 1);
            if (sorted[middle] <= value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private void ClearWindow()
    {
        _start = 0;
        _filled = 0;
        PValue = 0.0;
        Statistic = 0.0;
        _random.Reseed();
    }

    private static void ThrowNotFinite(double value) =>
        throw new ArgumentException($"A streaming detector accepts finite values only, not {value}.", nameof(value));
}
