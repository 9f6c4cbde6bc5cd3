using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Ml.Sdk.Monitoring.Streaming.Internal;

/// <summary>
/// The layout of <see cref="KswinWindow"/> for windows of up to <see cref="MaxWindowSize"/> values, where a position
/// among the window's distinct values fits in a byte: every step is a few vector operations over the whole window, and
/// nothing searches, sorts, calls out or branches on the values.
/// </summary>
/// <remarks>
/// <para>
/// The window never keeps its values sorted. Each ring slot has a rank: the number of distinct window values below its
/// value, its position in the sorted distinct values. One slot per distinct value is its representative and holds the
/// value in <c>_represented</c> (the others hold +∞), so counting the representatives below a new value gives the new
/// value's rank. Per rank, <c>_recent</c> holds minus the number of the newest <c>statSize</c> values there.
/// </para>
/// <para>
/// An update ranks the new value, and, when the leaving value was its value's last copy or the new value is new,
/// shifts the ranks between the two by one (two comparisons over every slot) and the recent counts with them (a select
/// over every rank).
/// </para>
/// <para>
/// To measure, the drawn positions (ages, oldest 0) are counted by the rank of their slot, so each rank's count plus its
/// recent byte is that value's contribution to
/// i - j of the two empirical distributions, and h is the largest absolute prefix sum: equal values share a rank, which
/// treats ties as scipy's <c>searchsorted(side='right')</c> does.
/// </para>
/// </remarks>
internal sealed class KswinRankWindow : KswinWindow
{
    /// <summary>The longest window this layout holds: every rank, and every running sum, fits in a byte.</summary>
    public const int MaxWindowSize = 255;

    private const int Lane = 16;

    // 0, 1, 2, ... in the lanes of a vector.
    private static readonly Vector<byte> LaneIndex = CreateLaneIndex();

    private readonly int _windowSize;
    private readonly int _statSize;
    private readonly int _older;

    // Per ring slot: its value if it is its value's representative, +∞ otherwise (and in the padding).
    private readonly float[] _represented;

    // Per ring slot: its rank, stored twice (slot and slot + windowSize) so that the ranks of any windowSize consecutive
    // slots around the ring are contiguous. Bytes past both copies are garbage that the rank updates keep moving.
    private readonly byte[] _rank;

    // All ones for the real slots, so that counts skip the padding.
    private readonly byte[] _slotMask;

    // Per rank: minus the number of the newest statSize values there; _scratch holds the previous counts, with one byte
    // of 0 before and after, while a shift rebuilds them.
    private readonly sbyte[] _recent;
    private readonly sbyte[] _scratch;

    // Per rank: how many drawn values are there.
    private readonly byte[] _marks = new byte[256];

    // The drawn ages, the pool they are drawn from, and the ages 0, 1, 2, ... that fill the pool before each draw.
    private readonly byte[] _drawn;
    private readonly byte[] _pool;
    private readonly byte[] _ages;

    private readonly int _padded;
    private int _start;
    private int _filled;
    private int _distinct;

    /// <summary>Creates an empty window.</summary>
    /// <param name="windowSize">The length of the window, at most <see cref="MaxWindowSize"/> and at least <c>2 · statSize</c>.</param>
    /// <param name="statSize">How many of the newest values are tested, at least 1.</param>
    public KswinRankWindow(int windowSize, int statSize)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(windowSize, MaxWindowSize);
        _windowSize = windowSize;
        _statSize = statSize;
        _older = windowSize - statSize;

        // Whole vectors of bytes, both of Vector<byte> (the counts and rank updates) and of 16 (the prefix sums).
        int vector = Math.Max(Lane, Vector<byte>.Count);
        _padded = (windowSize + vector - 1) / vector * vector;
        _represented = new float[_padded];
        _rank = new byte[2 * _padded + vector];
        _slotMask = new byte[_padded];
        _slotMask.AsSpan(0, windowSize).Fill(byte.MaxValue);
        _recent = new sbyte[_padded];
        _scratch = new sbyte[_padded + 2];
        _drawn = new byte[statSize];
        _pool = new byte[Math.Max(PythonRandom.PoolLength(_older), (_older + vector - 1) / vector * vector)];
        _ages = new byte[_pool.Length];
        for (int age = 0; age < _older; age++)
        {
            _ages[age] = (byte)age;
        }

        Clear();
    }

    /// <inheritdoc/>
    public override int Count => _filled;

    /// <inheritdoc/>
    public override void Clear()
    {
        _start = 0;
        _filled = 0;
        _distinct = 0;
        _represented.AsSpan().Fill(float.PositiveInfinity);
        _recent.AsSpan().Clear();
    }

    /// <inheritdoc/>
    public override void Append(float value)
    {
        int rank = CountRepresentedBelow(value, out bool present);
        if (_filled < _windowSize)
        {
            // Filling: after Clear the ring starts at slot 0, so the slot of the next value is the count.
            int slot = _filled;
            if (!present)
            {
                Shift(_distinct, rank);
                _distinct++;
                _represented[slot] = value;
            }

            SetRank(slot, rank);
            _filled++;
            if (_filled == _windowSize)
            {
                for (int newest = _older; newest < _windowSize; newest++)
                {
                    _recent[_rank[newest]]--;
                }
            }

            return;
        }

        // Full: the oldest value (never one of the newest) leaves, and the new one takes its slot as the newest.
        int leaving = _start;
        int from = _rank[leaving];
        if (!(present && rank == from))
        {
            // (A new value equal to the leaving one just takes over its slot, rank and representation.)
            bool lastCopy = CountSlotsAt(from) == 1;
            if (!lastCopy && !float.IsPositiveInfinity(_represented[leaving]))
            {
                _represented[OtherSlotAt(from, leaving)] = _represented[leaving];
            }

            _represented[leaving] = present ? float.PositiveInfinity : value;
            if (lastCopy || !present)
            {
                // Removing alone moves the leaving rank to the end; inserting alone moves the first unused rank to the
                // new value's. Both at once move one to the other.
                int after = lastCopy && from < rank ? rank - 1 : rank;
                Shift(lastCopy ? from : _distinct, present ? _distinct - 1 : after);
                _distinct += (present ? 0 : 1) - (lastCopy ? 1 : 0);
                rank = after;
            }
        }

        SetRank(leaving, rank);
        _recent[rank]--;

        // The slot that was the oldest of the newest statSize values is now the newest of the older ones.
        _start = leaving + 1 == _windowSize ? 0 : leaving + 1;
        _recent[_rank[_start + _older - 1]]++;
    }

    /// <inheritdoc/>
    public override void Draw(KswinSampler sampler)
    {
        Span<Vector<byte>> pool = MemoryMarshal.Cast<byte, Vector<byte>>(_pool.AsSpan());
        ReadOnlySpan<Vector<byte>> ages = MemoryMarshal.Cast<byte, Vector<byte>>(_ages.AsSpan());
        for (int i = 0; i * Vector<byte>.Count < _older; i++)
        {
            pool[i] = ages[i];
        }

        sampler.Sample(_pool, _older, _drawn);
    }

    /// <inheritdoc/>
    public override int Measure()
    {
        // Age a is ring slot _start + a; the doubled ranks read it without wrapping.
        byte[] marks = _marks;
        ReadOnlySpan<byte> ranks = _rank.AsSpan(_start, _windowSize);
        foreach (byte age in _drawn)
        {
            marks[ranks[age]]++;
        }

        int h = LatticeDistance();
        Span<Vector<byte>> counts = MemoryMarshal.Cast<byte, Vector<byte>>(marks.AsSpan(0, _padded));
        for (int i = 0; i < counts.Length; i++)
        {
            counts[i] = Vector<byte>.Zero;
        }

        return h;
    }

    private void SetRank(int slot, int rank)
    {
        _rank[slot] = (byte)rank;
        _rank[slot + _windowSize] = (byte)rank;
    }

    /// <summary>
    /// Takes rank <paramref name="remove"/> out and puts a new one in at <paramref name="insert"/> (a rank of the result,
    /// its recent count 0), moving the ranks between by one. <paramref name="remove"/> = the distinct count removes
    /// nothing; <paramref name="insert"/> = the last rank of the result after a removal inserts nothing.
    /// </summary>
    private void Shift(int remove, int insert)
    {
        // Ranks above the removed one drop by one, then ranks from the inserted one on rise by one (a comparison's true
        // is all ones, -1 as a byte: adding it subtracts one, subtracting it adds one).
        Span<Vector<byte>> ranks = MemoryMarshal.Cast<byte, Vector<byte>>(_rank.AsSpan());
        var removed = new Vector<byte>((byte)remove);
        var inserted = new Vector<byte>((byte)insert);
        for (int i = 0; i < ranks.Length; i++)
        {
            Vector<byte> r = ranks[i];
            r += Vector.GreaterThan(r, removed);
            r -= Vector.GreaterThanOrEqual(r, inserted);
            ranks[i] = r;
        }

        // The recent counts follow their ranks: from the next rank where ranks dropped, from the previous where they rose.
        Span<Vector<byte>> recent = MemoryMarshal.Cast<sbyte, Vector<byte>>(_recent.AsSpan());
        Span<byte> scratch = MemoryMarshal.AsBytes(_scratch.AsSpan());
        for (int i = 0; i < recent.Length; i++)
        {
            recent[i].CopyTo(scratch.Slice(1 + (i * Vector<byte>.Count)));
        }

        Vector<byte> index = LaneIndex;
        var step = new Vector<byte>((byte)Vector<byte>.Count);
        for (int i = 0; i < recent.Length; i++)
        {
            int at = i * Vector<byte>.Count;
            Vector<byte> fromNext = Vector.GreaterThanOrEqual(index, removed) & Vector.LessThan(index, inserted);
            Vector<byte> fromPrevious = Vector.GreaterThan(index, inserted) & Vector.LessThanOrEqual(index, removed);
            Vector<byte> shifted = Vector.ConditionalSelect(
                fromNext,
                new Vector<byte>(scratch.Slice(at + 2)),
                Vector.ConditionalSelect(fromPrevious, new Vector<byte>(scratch.Slice(at)), new Vector<byte>(scratch.Slice(at + 1))));
            recent[i] = Vector.AndNot(shifted, Vector.Equals(index, inserted));
            index += step;
        }
    }

    private static Vector<byte> CreateLaneIndex()
    {
        Span<byte> lanes = stackalloc byte[Vector<byte>.Count];
        for (int i = 0; i < lanes.Length; i++)
        {
            lanes[i] = (byte)i;
        }

        return new Vector<byte>(lanes);
    }

    /// <summary>
    /// How many distinct window values are below <paramref name="value"/> (its rank), and whether it is in the window.
    /// </summary>
    private int CountRepresentedBelow(float value, out bool present)
    {
        ReadOnlySpan<Vector<float>> represented = MemoryMarshal.Cast<float, Vector<float>>(_represented.AsSpan());
        var bound = new Vector<float>(value);
        Vector<int> below = Vector<int>.Zero;
        Vector<int> equal = Vector<int>.Zero;
        for (int i = 0; i < represented.Length; i++)
        {
            below -= Vector.LessThan(represented[i], bound);
            equal |= Vector.Equals(represented[i], bound);
        }

        present = equal != Vector<int>.Zero;
        return Vector.Sum(below);
    }

    /// <summary>How many ring slots have rank <paramref name="rank"/>.</summary>
    private int CountSlotsAt(int rank)
    {
        ReadOnlySpan<Vector<byte>> ranks = MemoryMarshal.Cast<byte, Vector<byte>>(_rank.AsSpan(0, _padded));
        ReadOnlySpan<Vector<byte>> masks = MemoryMarshal.Cast<byte, Vector<byte>>(_slotMask.AsSpan());
        var at = new Vector<byte>((byte)rank);
        Vector<byte> count = Vector<byte>.Zero;
        for (int i = 0; i < ranks.Length; i++)
        {
            // At most 256 slots over at least 16 byte lanes: no lane counts past 16.
            count -= Vector.Equals(ranks[i], at) & masks[i];
        }

        Vector.Widen(count, out Vector<ushort> low, out Vector<ushort> high);
        return Vector.Sum(low + high);
    }

    /// <summary>A ring slot other than <paramref name="except"/> with rank <paramref name="rank"/>; there must be one.</summary>
    private int OtherSlotAt(int rank, int except)
    {
        for (int slot = 0; slot < _windowSize; slot++)
        {
            if (_rank[slot] == rank && slot != except)
            {
                return slot;
            }
        }

        throw new InvalidOperationException("KSWIN's window lost track of a value's copies.");
    }

    /// <summary>h: the largest |running sum| of the drawn counts plus the recent counts over the ranks.</summary>
    /// <remarks>
    /// The sum is a prefix sum within each 16-byte lane (four shifted adds) plus the previous lane's last sum. Past the
    /// distinct values both are 0, so the sum stays at its final 0 and adds nothing.
    /// </remarks>
    private int LatticeDistance()
    {
        ref byte marks = ref MemoryMarshal.GetArrayDataReference(_marks);
        ref sbyte recent = ref MemoryMarshal.GetArrayDataReference(_recent);
        Vector128<byte> shift1 = Vector128.Create((byte)255, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
        Vector128<byte> shift2 = Vector128.Create((byte)255, 255, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
        Vector128<byte> shift4 = Vector128.Create((byte)255, 255, 255, 255, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        Vector128<byte> shift8 = Vector128.Create((byte)255, 255, 255, 255, 255, 255, 255, 255, 0, 1, 2, 3, 4, 5, 6, 7);
        Vector128<byte> last = Vector128.Create((byte)15);
        Vector128<byte> carry = Vector128<byte>.Zero;
        Vector128<sbyte> largest = Vector128<sbyte>.Zero;
        for (int i = 0; i < _padded; i += Lane)
        {
            Vector128<byte> sum = Vector128.LoadUnsafe(ref marks, (nuint)i) + Vector128.LoadUnsafe(ref recent, (nuint)i).AsByte();
            sum += Vector128.Shuffle(sum, shift1);
            sum += Vector128.Shuffle(sum, shift2);
            sum += Vector128.Shuffle(sum, shift4);
            sum += Vector128.Shuffle(sum, shift8);
            sum += carry;
            carry = Vector128.Shuffle(sum, last);
            largest = Vector128.Max(largest, Vector128.Abs(sum.AsSByte()));
        }

        // The largest of the 16 lanes: fold the upper half onto the lower one four times.
        largest = Vector128.Max(largest, Vector128.Shuffle(largest, Vector128.Create((sbyte)8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15)));
        largest = Vector128.Max(largest, Vector128.Shuffle(largest, Vector128.Create((sbyte)4, 5, 6, 7, 4, 5, 6, 7, 4, 5, 6, 7, 4, 5, 6, 7)));
        largest = Vector128.Max(largest, Vector128.Shuffle(largest, Vector128.Create((sbyte)2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3)));
        largest = Vector128.Max(largest, Vector128.Shuffle(largest, Vector128.Create((sbyte)1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)));
        return largest.ToScalar();
    }
}
