using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ml.Sdk.Monitoring.Streaming.Internal;

/// <summary>
/// The layout of <see cref="KswinWindow"/> for windows of up to <see cref="MaxWindowSize"/> values on processors with
/// AVX-512 VBMI: the window is the ages of its values in value order, 128 bytes in two 512-bit registers, and an update
/// is one byte permutation of them.
/// </summary>
/// <remarks>
/// <para>
/// Entry k of <c>_order</c> is the age (0 the oldest) of the k-th smallest value, with bit 7 set when the next entry
/// holds a different value (or k is the last), that is, where k ends its group of equal values. The values themselves
/// stay in a ring in arrival order, where counting those below a new value gives its place in the order.
/// </para>
/// <para>
/// An update removes the entry of age 0 and inserts the newest (age <c>windowSize - 1</c>) at its place with one
/// two-register byte permutation, and decrements every age. To measure, a 128-byte table holds each age's part, +1 when
/// drawn and -1 when among the newest <c>statSize</c> (0 otherwise), and the same permutation instruction reads it in
/// value order; h is the largest |prefix sum| at the ends of the groups, which treats ties as scipy's
/// <c>searchsorted(side='right')</c> does.
/// </para>
/// </remarks>
internal sealed class KswinAgeOrderWindow : KswinWindow
{
    /// <summary>The longest window this layout holds: every age, and its group flag, fits in a byte of 128 entries.</summary>
    public const int MaxWindowSize = 128;

    private const int Half = 64;
    private const byte GroupEnd = 0x80;
    private const byte AgeMask = 0x7F;

    // The entry of positions past the window: age 127 is never drawn (a window of 128 has no padding) and never ends a
    // group, and padding stays after every real entry, so no prefix sum that counts reaches it.
    private const byte Padding = AgeMask;

    private static readonly Vector512<byte> LowIndex = CreateTable(i => i);
    private static readonly Vector512<byte> HighIndex = CreateTable(i => Half + i);

    // Byte q (q < 8) takes word q's last byte; the other words are left to chance, as nothing reads them.
    private static readonly Vector512<byte> WordTotals = CreateTable(i => i < 8 ? (8 * i) + 7 : i);

    // Every byte of word q takes byte q - 1 (the running total before word q); word 0 takes 0.
    private static readonly Vector512<byte> TotalBefore = CreateTable(i => i < 8 ? byte.MaxValue : (i / 8) - 1);

    // Position + 1, the sum of the added 1s up to each byte.
    private static readonly Vector512<byte> Ramp = CreateTable(i => i + 1);

    private readonly int _windowSize;
    private readonly int _older;
    private readonly int _valueVectors;

    // The values by ring slot, NaN past the window and in slots not filled yet, so that no comparison counts them.
    private readonly float[] _values;

    // The values by ring slot again, twice over (slot and slot + windowSize), so that a slot counted from any origin
    // needs no wrap; never read as vectors, so its stores never stall a vector load.
    private readonly float[] _twice;

    // The entries in value order (see the remarks), Padding past the filled ones.
    private readonly byte[] _order = new byte[2 * Half];

    // Per age, what the age adds to the running sum: 1 when drawn, -1 (0xFF) for the newest statSize ages (never drawn),
    // 0 otherwise. Only the first 128 bytes are read; the rest give any byte a place to be marked. Between draws it
    // holds no marks, which _unmarkedLow and _unmarkedHigh restore after each test.
    private readonly byte[] _marks = new byte[byte.MaxValue + 1];
    private readonly Vector512<byte> _unmarkedLow;
    private readonly Vector512<byte> _unmarkedHigh;

    // Scratch for the sampler (statSize bytes), the pool the ages are drawn from, and the ages 0, 1, 2, ... that fill the
    // pool before each draw.
    private readonly byte[] _drawn;
    private readonly byte[] _pool;
    private readonly byte[] _ages;

    private readonly Vector512<byte> _lowWindow;
    private readonly Vector512<byte> _highWindow;

    private int _start;
    private int _filled;

    /// <summary>Creates an empty window.</summary>
    /// <param name="windowSize">The length of the window, at most <see cref="MaxWindowSize"/> and at least <c>2 · statSize</c>.</param>
    /// <param name="statSize">How many of the newest values are tested, at least 1.</param>
    /// <exception cref="PlatformNotSupportedException">The processor lacks AVX-512 VBMI (see <see cref="IsSupported"/>).</exception>
    public KswinAgeOrderWindow(int windowSize, int statSize)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(windowSize, MaxWindowSize);
        if (!IsSupported)
        {
            throw new PlatformNotSupportedException("KSWIN's value-order layout needs AVX-512 VBMI.");
        }

        _windowSize = windowSize;
        _older = windowSize - statSize;
        _valueVectors = (windowSize + Vector512<float>.Count - 1) / Vector512<float>.Count;
        _values = new float[_valueVectors * Vector512<float>.Count];
        _twice = new float[2 * windowSize];
        _lowWindow = Vector512.LessThan(LowIndex, Vector512.Create((byte)windowSize));
        _highWindow = Vector512.LessThan(HighIndex, Vector512.Create((byte)windowSize));
        _unmarkedLow = Vector512.GreaterThanOrEqual(LowIndex, Vector512.Create((byte)_older));
        _unmarkedHigh = Vector512.GreaterThanOrEqual(HighIndex, Vector512.Create((byte)_older));
        _drawn = new byte[statSize];
        _pool = new byte[Math.Max(PythonRandom.PoolLength(_older), 2 * Half)];
        _ages = new byte[_pool.Length];
        for (int age = 0; age < _older; age++)
        {
            _ages[age] = (byte)age;
        }

        Clear();
    }

    /// <summary>Gets whether this processor runs the layout: AVX-512 VBMI with 512-bit vectors accelerated.</summary>
    public static bool IsSupported => Avx512Vbmi.IsSupported && Vector512.IsHardwareAccelerated;

    /// <inheritdoc/>
    public override int Count => _filled;

    /// <inheritdoc/>
    public override void Clear()
    {
        _start = 0;
        _filled = 0;
        _values.AsSpan().Fill(float.NaN);
        _order.AsSpan().Fill(Padding);
        _marks.AsSpan().Clear();
        _unmarkedLow.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(_marks));
        _unmarkedHigh.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(_marks), Half);
    }

    /// <inheritdoc/>
    public override int Update(float value, KswinSampler sampler, bool full) => Update(this, value, sampler, full);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Append(float value)
    {
        ref byte order = ref MemoryMarshal.GetArrayDataReference(_order);
        Vector512<byte> low = Vector512.LoadUnsafe(ref order);
        Vector512<byte> high = Vector512.LoadUnsafe(ref order, Half);
        int below = CountBelow(value);

        // Ages count from the oldest slot; _filled entries are real (the rest are padding).
        int origin = _start;
        int entries = _filled;
        int slot;
        int removed;
        if (_filled < _windowSize)
        {
            // Filling: the ring starts at slot 0, so the next slot is the count and equals the new value's age; nothing
            // leaves, which an index past the window says to the permutation below.
            slot = _filled;
            removed = MaxWindowSize;
            _filled++;
        }
        else
        {
            slot = _start;
            float leaving = _values[slot];
            removed = IndexOfAgeZero(low, high);

            // The leaving entry ended its group while an equal value precedes it: that one ends the group now.
            if (removed > 0 && Unsafe.Add(ref order, removed) >= GroupEnd && Unsafe.Add(ref order, removed - 1) < GroupEnd)
            {
                Vector512<byte> at = Vector512.Create((byte)(removed - 1));
                Vector512<byte> end = Vector512.Create(GroupEnd);
                low |= Vector512.Equals(LowIndex, at) & end;
                high |= Vector512.Equals(HighIndex, at) & end;
            }

            below -= leaving < value ? 1 : 0;
            _start = slot + 1 == _windowSize ? 0 : slot + 1;
        }

        // The new value goes first among its equals, so it ends a group only when no equal value follows it: the entry
        // now at its place (past the removed one) holds the next larger or equal value.
        int next = below + (below >= removed ? 1 : 0);
        bool equalFollows = false;
        if (next < entries)
        {
            int age = Unsafe.Add(ref order, next) & AgeMask;
            equalFollows = _twice[origin + age] == value;
        }

        _values[slot] = value;
        _twice[slot] = value;
        _twice[slot + _windowSize] = value;
        int newAge = removed < MaxWindowSize ? _windowSize - 1 : slot;
        byte entry = (byte)(newAge | (equalFollows ? 0 : GroupEnd));
        Insert(ref order, low, high, removed, below, entry, removed < MaxWindowSize);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Draw(KswinSampler sampler)
    {
        // The pool starts as the ages 0 .. older - 1; older < 128, so two vectors cover it.
        ref byte pool = ref MemoryMarshal.GetArrayDataReference(_pool);
        ref byte ages = ref MemoryMarshal.GetArrayDataReference(_ages);
        Vector512.LoadUnsafe(ref ages).StoreUnsafe(ref pool);
        Vector512.LoadUnsafe(ref ages, Half).StoreUnsafe(ref pool, Half);
        sampler.SampleMarks(_pool, _older, _drawn, _marks, _drawn.Length);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override int Measure()
    {
        ref byte order = ref MemoryMarshal.GetArrayDataReference(_order);
        ref byte marksStart = ref MemoryMarshal.GetArrayDataReference(_marks);
        Vector512<byte> low = Vector512.LoadUnsafe(ref order);
        Vector512<byte> high = Vector512.LoadUnsafe(ref order, Half);
        Vector512<byte> marksLow = Vector512.LoadUnsafe(ref marksStart);
        Vector512<byte> marksHigh = Vector512.LoadUnsafe(ref marksStart, Half);

        // Each entry's +1, -1 or 0, read off the marks by the entry's age (the permutation uses its low 7 bits).
        Vector512<byte> lowSum = Avx512Vbmi.PermuteVar64x8x2(marksLow, low, marksHigh);
        Vector512<byte> highSum = Avx512Vbmi.PermuteVar64x8x2(marksLow, high, marksHigh);

        lowSum = PrefixSum(lowSum);
        highSum = PrefixSum(highSum) + Vector512.Shuffle(lowSum, Vector512.Create((byte)(Half - 1)));

        // |sum| where a group ends (bit 7 set: the entry is negative as a signed byte), 0 elsewhere.
        Vector512<sbyte> zero = Vector512<sbyte>.Zero;
        Vector512<byte> largest = Vector512.Max(
            Vector512.ConditionalSelect(Vector512.LessThan(low.AsSByte(), zero), Vector512.Abs(lowSum.AsSByte()), zero),
            Vector512.ConditionalSelect(Vector512.LessThan(high.AsSByte(), zero), Vector512.Abs(highSum.AsSByte()), zero)).AsByte();
        Vector256<byte> half = Vector256.Max(largest.GetLower(), largest.GetUpper());
        Vector128<byte> quarter = Vector128.Max(half.GetLower(), half.GetUpper());
        quarter = Vector128.Max(quarter, Vector128.Shuffle(quarter, Vector128.Create((byte)8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15)));
        quarter = Vector128.Max(quarter, Vector128.Shuffle(quarter, Vector128.Create((byte)4, 5, 6, 7, 4, 5, 6, 7, 4, 5, 6, 7, 4, 5, 6, 7)));
        quarter = Vector128.Max(quarter, Vector128.Shuffle(quarter, Vector128.Create((byte)2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3)));
        quarter = Vector128.Max(quarter, Vector128.Shuffle(quarter, Vector128.Create((byte)1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)));

        _unmarkedLow.StoreUnsafe(ref marksStart);
        _unmarkedHigh.StoreUnsafe(ref marksStart, Half);
        return quarter.ToScalar();
    }

    /// <summary>
    /// The running sum of the 64 bytes, each -1, 0 or 1, as signed bytes: by multiplication rather than by shifted adds.
    /// </summary>
    /// <remarks>
    /// Adding 1 makes every byte 0, 1 or 2, so no running sum of 64 of them reaches 256. Multiplying a 64-bit word by
    /// 0x0101010101010101 then leaves the running sums of its 8 bytes in them; the words' totals (their last bytes),
    /// gathered into one word, take the same multiplication, and each word adds the total before it. Subtracting
    /// position + 1 takes the added 1s back out.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> PrefixSum(Vector512<byte> bytes)
    {
        Vector512<ulong> spread = Vector512.Create(0x0101010101010101UL);
        Vector512<byte> within = ((bytes + Vector512<byte>.One).AsUInt64() * spread).AsByte();
        Vector512<byte> totals = Avx512Vbmi.PermuteVar64x8(within, WordTotals);
        Vector512<byte> running = (totals.AsUInt64() * spread).AsByte();
        return within + Vector512.Shuffle(running, TotalBefore) - Ramp;
    }


    /// <summary>
    /// Removes the entry at <paramref name="removed"/> (none when it is <see cref="MaxWindowSize"/>), puts
    /// <paramref name="entry"/> at <paramref name="at"/> of the result, and, after a removal, ages every other entry by one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Insert(ref byte order, Vector512<byte> low, Vector512<byte> high, int removed, int at, byte entry, bool age)
    {
        // Result position k reads old position t + (t >= removed), where t = k - (k > at).
        Vector512<byte> atVector = Vector512.Create((byte)at);
        Vector512<byte> removedVector = Vector512.Create((byte)Math.Min(removed, byte.MaxValue));
        Vector512<byte> one = Vector512<byte>.One;
        Vector512<byte> lowSource = Vector512.ConditionalSelect(Vector512.GreaterThan(LowIndex, atVector), LowIndex - one, LowIndex);
        Vector512<byte> highSource = Vector512.ConditionalSelect(Vector512.GreaterThan(HighIndex, atVector), HighIndex - one, HighIndex);
        lowSource = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(lowSource, removedVector), lowSource + one, lowSource);
        highSource = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(highSource, removedVector), highSource + one, highSource);
        Vector512<byte> newLow = Avx512Vbmi.PermuteVar64x8x2(low, lowSource, high);
        Vector512<byte> newHigh = Avx512Vbmi.PermuteVar64x8x2(low, highSource, high);
        if (age)
        {
            newLow -= one;
            newHigh -= one;
        }

        Vector512<byte> entryVector = Vector512.Create(entry);
        Vector512<byte> padding = Vector512.Create(Padding);
        newLow = Vector512.ConditionalSelect(Vector512.Equals(LowIndex, atVector), entryVector, newLow);
        newHigh = Vector512.ConditionalSelect(Vector512.Equals(HighIndex, atVector), entryVector, newHigh);
        if (age)
        {
            // Past a full window, only padding (which the ageing above changed).
            newLow = Vector512.ConditionalSelect(_lowWindow, newLow, padding);
            newHigh = Vector512.ConditionalSelect(_highWindow, newHigh, padding);
        }

        newLow.StoreUnsafe(ref order);
        newHigh.StoreUnsafe(ref order, Half);
    }

    /// <summary>How many values in the ring are below <paramref name="value"/> (NaN slots never count).</summary>
    private int CountBelow(float value)
    {
        ref float values = ref MemoryMarshal.GetArrayDataReference(_values);
        var bound = Vector512.Create(value);
        int below = 0;
        for (int i = 0; i < _valueVectors; i++)
        {
            below += BitOperations.PopCount(Vector512.LessThan(Vector512.LoadUnsafe(ref values, (nuint)(i * Vector512<float>.Count)), bound).ExtractMostSignificantBits());
        }

        return below;
    }

    /// <summary>The position of the entry of age 0 (the oldest value); the window is full, so there is one.</summary>
    private static int IndexOfAgeZero(Vector512<byte> low, Vector512<byte> high)
    {
        Vector512<byte> ageMask = Vector512.Create(AgeMask);
        ulong lowHits = Vector512.Equals(low & ageMask, Vector512<byte>.Zero).ExtractMostSignificantBits();
        ulong highHits = Vector512.Equals(high & ageMask, Vector512<byte>.Zero).ExtractMostSignificantBits();
        return lowHits != 0 ? BitOperations.TrailingZeroCount(lowHits) : Half + BitOperations.TrailingZeroCount(highHits);
    }

    private static Vector512<byte> CreateTable(Func<int, int> lane)
    {
        Span<byte> lanes = stackalloc byte[Half];
        for (int i = 0; i < Half; i++)
        {
            lanes[i] = (byte)lane(i);
        }

        return Vector512.Create((ReadOnlySpan<byte>)lanes);
    }
}
