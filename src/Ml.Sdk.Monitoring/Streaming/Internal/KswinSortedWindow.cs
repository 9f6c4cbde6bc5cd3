using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Ml.Sdk.Monitoring.Streaming.Internal;

/// <summary>
/// The layout of <see cref="KswinWindow"/> for any window length: a ring of the values, the values in ascending order
/// with the ring slot each came from, and a weight per slot (+1 drawn, -1 among the newest, 0 otherwise) summed in one
/// pass over the sorted values.
/// </summary>
internal sealed class KswinSortedWindow : KswinWindow
{
    private readonly int _statSize;

    // The window as a ring of the float values the test compares; _start is the oldest slot.
    private readonly float[] _window;

    // The window's values in ascending order, with the ring slot each came from.
    private readonly float[] _sorted;
    private readonly int[] _sortedSlot;

    // Per ring slot: +1 while the slot is in the drawn reference sample, -1 while it is one of the newest statSize
    // values, 0 otherwise; the running sum over the sorted window is then i - j of the two empirical distributions.
    private readonly int[] _weight;

    private readonly int[] _drawn;
    private int _start;
    private int _filled;

    /// <summary>Creates an empty window.</summary>
    /// <param name="windowSize">The length of the window, at least <c>2 · statSize</c>.</param>
    /// <param name="statSize">How many of the newest values are tested, at least 1.</param>
    public KswinSortedWindow(int windowSize, int statSize)
    {
        _statSize = statSize;
        _window = new float[windowSize];
        _sorted = new float[windowSize];
        _sortedSlot = new int[windowSize];
        _weight = new int[windowSize];
        _drawn = new int[statSize];
    }

    /// <inheritdoc/>
    public override int Count => _filled;

    /// <inheritdoc/>
    public override void Clear()
    {
        _start = 0;
        _filled = 0;
    }

    /// <inheritdoc/>
    public override void Append(float value)
    {
        int length = _window.Length;
        if (_filled < length)
        {
            // After Clear the ring starts at slot 0, so the slot of the next value is the count.
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
                int older = length - _statSize;
                for (int i = 0; i < length; i++)
                {
                    _weight[i] = i < older ? 0 : -1;
                }
            }
        }
        else
        {
            // The ring is full: the oldest value falls out and the new one takes its slot, which becomes the newest.
            int slot = _start;
            float leaving = _window[slot];
            _window[slot] = value;
            _start = _start + 1 == length ? 0 : _start + 1;
            Replace(FindSorted(leaving, slot), value, slot);

            // The slot that was the oldest of the newest statSize values is now the newest of the older ones.
            int moved = _start + (length - _statSize - 1);
            _weight[moved < length ? moved : moved - length] = 0;
            _weight[slot] = -1;
        }
    }

    /// <inheritdoc/>
    public override void Draw(KswinSampler sampler) => sampler.Sample(_window.Length - _statSize, _drawn);

    /// <inheritdoc/>
    public override int Measure()
    {
        MarkDrawn(1);
        int h = LatticeDistance();
        MarkDrawn(0);
        return h;
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

    /// <summary>h, read off the running sum of the weights in sorted order at the last copy of each value.</summary>
    /// <remarks>
    /// Values of the window outside both samples only repeat the previous running sum (or 0 before the first sample
    /// value), so they add no new extreme, and comparing only at the last copy of a value treats ties as scipy's
    /// <c>searchsorted(side='right')</c> does, exactly as <c>KolmogorovSmirnovTest</c>'s merge pass.
    /// </remarks>
    private int LatticeDistance()
    {
        // Every index stays below the window length (the slots index the ring), so the loop reads without bounds checks.
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
}
