using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Ml.Sdk.Monitoring.Streaming.Internal;

/// <summary>
/// CPython's <c>random.Random(seed)</c> (MT19937 seeded through <c>init_by_array</c>) and the parts of
/// <c>random.sample(range(n), k)</c> that KSWIN draws from, so that a seeded <see cref="Kswin"/> draws the same
/// reference sample as River's seeded <c>KSWIN</c>, update for update.
/// </summary>
/// <remarks>
/// <para>
/// The generator regenerates its 624-word state a block at a time, as CPython does, and tempers the whole block at once
/// (with SIMD where the hardware has it) into a buffer that the draws read from; the words come out in CPython's order,
/// so batching changes the cost and nothing else.
/// </para>
/// <para>
/// Every buffer is allocated once in the constructor or in <see cref="EnsureSampleCapacity"/>: seeding and sampling
/// allocate nothing, which keeps <see cref="Kswin.Update(double)"/> allocation-free.
/// </para>
/// </remarks>
internal sealed class PythonRandom : KswinSampler
{
    private const int StateLength = 624;
    private const int ShiftLength = 397;
    private const uint MatrixA = 0x9908b0dfU;
    private const uint UpperMask = 0x80000000U;
    private const uint LowerMask = 0x7fffffffU;

    private readonly uint[] _state = new uint[StateLength];

    // The state right after seeding, so that Reseed (KSWIN's reset after every detection) is a copy.
    private readonly uint[] _seededState = new uint[StateLength];

    // Tempered words not yet drawn are _output[_next.._end); once all are drawn, a refill regenerates the block.
    private readonly uint[] _output = new uint[StateLength];
    private int _next;
    private int _end;

    // random.sample's scratch: the pool of the pool method and the membership marks of the set method.
    private int[] _pool = [];
    private bool[] _selected = [];

    // SetSize of the last count the byte Sample drew (KSWIN always draws the same count), as it takes two logarithms.
    private int _setSizeCount = -1;
    private long _setSize;

    /// <summary>Creates a generator in the state of <c>random.Random(seed)</c>.</summary>
    /// <param name="seed">The seed; CPython seeds with its absolute value.</param>
    public PythonRandom(int seed)
    {
        SeedByArray((uint)Math.Abs((long)seed));
        _state.AsSpan().CopyTo(_seededState);
    }

    /// <inheritdoc/>
    public override void EnsureSampleCapacity(int population)
    {
        if (_pool.Length < population)
        {
            _pool = new int[population];
            _selected = new bool[population];
        }
    }

    /// <summary>Returns the generator to the state of <c>random.Random(seed)</c> with the seed it was created with.</summary>
    public override void Reset() => Reseed();

    /// <summary>River's <c>random.Random(seed)</c> after a detection: the seeded sequence starts over.</summary>
    public override void RestartAfterDetection() => Reseed();

    /// <summary>Returns the generator to the state of <c>random.Random(seed)</c> with the seed it was created with.</summary>
    public void Reseed()
    {
        _seededState.AsSpan().CopyTo(_state);
        _next = 0;
        _end = 0;
    }

    /// <summary>
    /// The size of the pool buffer <see cref="Sample(Span{byte}, int, Span{byte})"/> needs for
    /// <paramref name="population"/>: room for every value <c>getrandbits(population.bit_length())</c> can return.
    /// </summary>
    /// <param name="population">The size of the population, at least 1.</param>
    public static int PoolLength(int population) => 1 << (32 - BitOperations.LeadingZeroCount((uint)population));

    /// <summary>
    /// Writes <c>random.sample(pool[:population], drawn.Length)</c> into <paramref name="drawn"/> in reverse selection
    /// order (the first pick last), consuming the generator exactly as CPython does.
    /// </summary>
    /// <param name="pool">
    /// On entry, the population in its first <paramref name="population"/> bytes; its length is at least
    /// <see cref="PoolLength"/>. Overwritten: on exit it holds no meaning.
    /// </param>
    /// <param name="population">The size of the population, at least <c>drawn.Length</c>; at most the capacity given to <see cref="EnsureSampleCapacity"/>.</param>
    /// <param name="drawn">Receives the drawn bytes, the last pick first.</param>
    public override void Sample(Span<byte> pool, int population, Span<byte> drawn)
    {
        int count = drawn.Length;
        if (count != _setSizeCount)
        {
            _setSize = SetSize(count);
            _setSizeCount = count;
        }

        if (population > _setSize)
        {
            SampleIntoSet(pool, population, drawn);
            return;
        }

        // CPython's pool method, without its branch on rejection: the draw made while n values remain writes its pick to
        // drawn[n - stop - 1] whether or not it is accepted, so a rejected one is overwritten by the next; a rejected r
        // (n <= r) reads and writes only pool slots at r or beyond, which no later step of this sample reads. Each run of
        // the inner loop covers the steps whose n has the same bit length, so the shift is fixed and the loop carries
        // only n: one comparison and one subtraction per draw, and no index but n.
        ref byte poolStart = ref MemoryMarshal.GetReference(pool);
        _ = pool[PoolLength(population) - 1];
        nint n = population;
        nint stop = population - count;
        ref byte picks = ref Unsafe.Subtract(ref MemoryMarshal.GetReference(drawn), stop + 1);
        ref uint output = ref MemoryMarshal.GetArrayDataReference(_output);
        while (n > stop)
        {
            if (_next == _end)
            {
                Refill();
            }

            int shift = BitOperations.LeadingZeroCount((uint)n);
            nint runStop = Math.Max(stop, (nint)(1U << (31 - shift)) - 1);
            nint next = _next;
            nint end = _end;
            while (n > runStop && next < end)
            {
                nuint r = Unsafe.Add(ref output, next) >> shift;
                next++;
                ref byte picked = ref Unsafe.Add(ref poolStart, r);
                Unsafe.Add(ref picks, n) = picked;
                picked = Unsafe.Add(ref poolStart, n - 1);
                n -= (nint)((r - (nuint)n) >> 63);
            }

            _next = (int)next;
        }
    }

    /// <summary>
    /// Writes <c>random.sample(range(population), result.Length)</c> into <paramref name="result"/>, consuming the
    /// generator exactly as CPython does.
    /// </summary>
    /// <param name="population">The size of the population, at least <c>result.Length</c>; at most the capacity given to <see cref="EnsureSampleCapacity"/>.</param>
    /// <param name="result">Receives the drawn indices in selection order.</param>
    public override void Sample(int population, Span<int> result)
    {
        int k = result.Length;
        if (population <= SetSize(k))
        {
            Span<int> pool = _pool.AsSpan(0, population);
            for (int i = 0; i < population; i++)
            {
                pool[i] = i;
            }

            for (int i = 0; i < k; i++)
            {
                int j = RandBelow(population - i);
                result[i] = pool[j];
                pool[j] = pool[population - i - 1];
            }
        }
        else
        {
            Span<bool> selected = _selected.AsSpan(0, population);
            for (int i = 0; i < k; i++)
            {
                int j = RandBelow(population);
                while (selected[j])
                {
                    j = RandBelow(population);
                }

                selected[j] = true;
                result[i] = j;
            }

            for (int i = 0; i < k; i++)
            {
                selected[result[i]] = false;
            }
        }
    }

    /// <summary>CPython's <c>_randbelow_with_getrandbits(n)</c> for <c>0 &lt; n &lt; 2^31</c>.</summary>
    internal int RandBelow(int n)
    {
        int shift = BitOperations.LeadingZeroCount((uint)n);
        uint r = NextUInt32() >> shift;
        while (r >= (uint)n)
        {
            r = NextUInt32() >> shift;
        }

        return (int)r;
    }

    /// <summary>CPython's <c>genrand_uint32</c>.</summary>
    internal uint NextUInt32()
    {
        if (_next == _end)
        {
            Refill();
        }

        return _output[_next++];
    }

    /// <summary>
    /// CPython's <c>random.sample</c> threshold: a population larger than this is drawn into a set, a smaller one from a
    /// pool. CPython computes <c>21 + 4 ** ceil(log(3k, 4))</c> for k above 5, with <c>log(x, base) = log(x) / log(base)</c>.
    /// </summary>
    private static long SetSize(int k) =>
        k > 5 ? 21 + Math.Min(1L << (2 * (int)Math.Ceiling(Math.Log(k * 3) / Math.Log(4))), int.MaxValue) : 21;

    /// <summary>CPython's set method of <c>random.sample</c>.</summary>
    private void SampleIntoSet(ReadOnlySpan<byte> pool, int population, Span<byte> drawn)
    {
        Span<bool> selected = _selected.AsSpan(0, population);
        for (int i = 0; i < drawn.Length; i++)
        {
            int j = RandBelow(population);
            while (selected[j])
            {
                j = RandBelow(population);
            }

            selected[j] = true;
            drawn[^(i + 1)] = pool[j];
        }

        selected.Clear();
    }

    /// <summary>Regenerates the state and tempers it into the output block; every word of the last block was drawn.</summary>
    private void Refill()
    {
        Twist();
        Temper(_state, _output);
        _next = 0;
        _end = StateLength;
    }

    /// <summary>CPython's <c>init_by_array</c> with a one-word key, which is how <c>random_seed</c> seeds an int below 2^32.</summary>
    private void SeedByArray(uint key)
    {
        uint[] mt = _state;
        mt[0] = 19650218U;
        for (int n = 1; n < StateLength; n++)
        {
            mt[n] = (1812433253U * (mt[n - 1] ^ (mt[n - 1] >> 30))) + (uint)n;
        }

        int i = 1;
        for (int k = StateLength; k > 0; k--)
        {
            // The key has one word, so CPython's key index j is always 0.
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525U)) + key;
            i++;
            if (i >= StateLength)
            {
                mt[0] = mt[StateLength - 1];
                i = 1;
            }
        }

        for (int k = StateLength - 1; k > 0; k--)
        {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941U)) - (uint)i;
            i++;
            if (i >= StateLength)
            {
                mt[0] = mt[StateLength - 1];
                i = 1;
            }
        }

        mt[0] = 0x80000000U;
    }

    /// <summary>
    /// CPython's state regeneration. Word kk is replaced from words kk, kk + 1 and kk + 397 (mod 624), the last of which
    /// is already new once kk ≥ 227, so a block of 8 consecutive words never reads a word the same block writes: the
    /// blocks run in order as vectors, and the words a vector cannot cover run one by one.
    /// </summary>
    private void Twist()
    {
        uint[] mt = _state;
        int kk = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            kk = TwistBlocks(mt, 0, StateLength - ShiftLength, ShiftLength);
        }

        for (; kk < StateLength - ShiftLength; kk++)
        {
            mt[kk] = TwistWord(mt[kk], mt[kk + 1], mt[kk + ShiftLength]);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            kk = TwistBlocks(mt, kk, StateLength - 1, ShiftLength - StateLength);
        }

        for (; kk < StateLength - 1; kk++)
        {
            mt[kk] = TwistWord(mt[kk], mt[kk + 1], mt[kk + (ShiftLength - StateLength)]);
        }

        mt[StateLength - 1] = TwistWord(mt[StateLength - 1], mt[0], mt[ShiftLength - 1]);
    }

    /// <summary>Regenerates whole blocks of 8 words from <paramref name="from"/> while they end by <paramref name="to"/>; returns where it stopped.</summary>
    private static int TwistBlocks(uint[] mt, int from, int to, int offset)
    {
        ref uint state = ref MemoryMarshal.GetArrayDataReference(mt);
        Vector256<uint> upper = Vector256.Create(UpperMask);
        Vector256<uint> lower = Vector256.Create(LowerMask);
        Vector256<uint> one = Vector256<uint>.One;
        Vector256<uint> matrix = Vector256.Create(MatrixA);
        int kk = from;
        for (; kk + Vector256<uint>.Count <= to; kk += Vector256<uint>.Count)
        {
            Vector256<uint> y = (Vector256.LoadUnsafe(ref state, (nuint)kk) & upper)
                | (Vector256.LoadUnsafe(ref state, (nuint)(kk + 1)) & lower);
            Vector256<uint> odd = Vector256<uint>.Zero - (y & one);
            Vector256<uint> result = Vector256.LoadUnsafe(ref state, (nuint)(kk + offset)) ^ (y >> 1) ^ (odd & matrix);
            result.StoreUnsafe(ref state, (nuint)kk);
        }

        return kk;
    }

    private static uint TwistWord(uint current, uint following, uint shifted)
    {
        uint y = (current & UpperMask) | (following & LowerMask);
        return shifted ^ (y >> 1) ^ ((y & 1U) * MatrixA);
    }

    /// <summary>CPython's tempering of <c>genrand_uint32</c>, applied to a whole block.</summary>
    private static void Temper(ReadOnlySpan<uint> state, Span<uint> output)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<uint> b = Vector256.Create(0x9d2c5680U);
            Vector256<uint> c = Vector256.Create(0xefc60000U);
            for (; i + Vector256<uint>.Count <= state.Length; i += Vector256<uint>.Count)
            {
                Vector256<uint> y = Vector256.Create(state.Slice(i, Vector256<uint>.Count));
                y ^= y >> 11;
                y ^= (y << 7) & b;
                y ^= (y << 15) & c;
                y ^= y >> 18;
                y.CopyTo(output.Slice(i, Vector256<uint>.Count));
            }
        }

        for (; i < state.Length; i++)
        {
            uint y = state[i];
            y ^= y >> 11;
            y ^= (y << 7) & 0x9d2c5680U;
            y ^= (y << 15) & 0xefc60000U;
            y ^= y >> 18;
            output[i] = y;
        }
    }
}
