using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Ml.Sdk.Monitoring.Streaming.Internal;

/// <summary>
/// The reference sampler of an unseeded <see cref="Kswin"/>: exactly uniform samples without replacement, by a partial
/// Fisher–Yates shuffle over wyrand's 64-bit words (Wang Yi's generator: a Weyl sequence folded by one 128-bit
/// multiplication) with Lemire's multiply-and-shift for the bounded draws.
/// </summary>
/// <remarks>
/// <para>
/// River's KSWIN draws with <c>random.Random(None)</c> unless given a seed: a sample that no seed reproduces. This sampler
/// draws from the same distribution (every <c>count</c>-subset equally likely, in every update independently) at a
/// fraction of the cost of CPython's Mersenne Twister and rejection sampling: no step waits on the one before, and one
/// generator word serves two draws. It starts from a fixed state, so two unseeded detectors fed the same stream agree.
/// </para>
/// <para>
/// Lemire's method maps a 32-bit word w to ⌊w · bound / 2^32⌋ and rejects the few words whose low product falls below
/// 2^32 mod bound, which makes every result exactly equally likely; for KSWIN's bounds (under 256) a rejection has odds
/// of about 1 in 2^24, so the check is one comparison that is never taken.
/// </para>
/// </remarks>
internal sealed class WyrandSampler : KswinSampler
{
    private const ulong Increment = 0xa0761d6478bd642fUL;
    private const ulong Mix = 0xe7037ed1a0b428dbUL;

    private readonly ulong _seed;
    private ulong _state;

    // The identity 0, 1, 2, ... that the index sample shuffles in place and restores afterwards, and where it swapped.
    private int[] _pool = [];
    private int[] _swapped = [];

    /// <summary>Creates a sampler in the state <paramref name="seed"/>.</summary>
    /// <param name="seed">The generator's starting state.</param>
    public WyrandSampler(ulong seed)
    {
        _seed = seed;
        _state = seed;
    }

    /// <inheritdoc/>
    public override void EnsureSampleCapacity(int population)
    {
        if (_pool.Length < population)
        {
            _pool = new int[population];
            _swapped = new int[population];
            for (int i = 0; i < population; i++)
            {
                _pool[i] = i;
            }
        }
    }

    /// <summary>Nothing: River's unseeded generator draws fresh randomness after a detection, which this one continues to.</summary>
    public override void RestartAfterDetection()
    {
    }

    /// <inheritdoc/>
    public override void Reset() => _state = _seed;

    /// <summary>wyrand's next 64-bit word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong state = _state + Increment;
        _state = state;
        return Fold(state);
    }

    /// <summary>wyrand's output for a state: the two halves of state · (state ^ Mix) folded together.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Fold(ulong state)
    {
        ulong high = Math.BigMul(state, state ^ Mix, out ulong low);
        return high ^ low;
    }

    /// <summary>
    /// A uniform sample of <c>drawn.Length</c> bytes from <c>pool[:population]</c>, in selection order: step i swaps a
    /// uniformly chosen one of positions i .. population - 1 into position i. Each generator word serves two steps, its
    /// low half first.
    /// </summary>
    /// <inheritdoc/>
    public override void Sample(Span<byte> pool, int population, Span<byte> drawn) =>
        Shuffle(pool, population, drawn.Length, new Listed(drawn));

    /// <summary>As the byte <see cref="Sample(Span{byte}, int, Span{byte})"/>, marking each pick in place of listing it.</summary>
    /// <inheritdoc/>
    public override void SampleMarks(Span<byte> pool, int population, Span<byte> scratch, Span<byte> marks, int count)
    {
        _ = marks[byte.MaxValue];
        Shuffle(pool, population, count, new Marked(marks));
    }

    /// <summary>
    /// The partial Fisher–Yates shuffle behind the byte samples, handing step i's pick to <paramref name="picks"/>; the
    /// JIT compiles it once per kind of <typeparamref name="TPicks"/>, with the hand-over inlined.
    /// </summary>
    private void Shuffle<TPicks>(Span<byte> pool, int population, int count, TPicks picks)
        where TPicks : IPicks, allows ref struct
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(population, count);
        _ = pool[population - 1];
        ref byte values = ref MemoryMarshal.GetReference(pool);

        // The generator's state stays in a local for the whole sample; only the rare rejection goes through the field.
        ulong state = _state;
        nint i = 0;
        for (; i + 1 < count; i += 2)
        {
            state += Increment;
            ulong word = Fold(state);
            uint bound = (uint)(population - i);
            ulong product = (ulong)(uint)word * bound;
            if ((uint)product < bound)
            {
                _state = state;
                product = Retry(product, bound);
                state = _state;
            }

            nint j = i + (nint)(product >> 32);
            picks.Take(i, Unsafe.Add(ref values, j));
            Unsafe.Add(ref values, j) = Unsafe.Add(ref values, i);

            product = (word >> 32) * (bound - 1);
            if ((uint)product < bound - 1)
            {
                _state = state;
                product = Retry(product, bound - 1);
                state = _state;
            }

            j = i + 1 + (nint)(product >> 32);
            picks.Take(i + 1, Unsafe.Add(ref values, j));
            Unsafe.Add(ref values, j) = Unsafe.Add(ref values, i + 1);
        }

        _state = state;
        if (i < count)
        {
            nint j = i + (nint)Below((uint)NextUInt64(), (uint)(population - i));
            picks.Take(i, Unsafe.Add(ref values, j));
        }
    }

    /// <inheritdoc/>
    public override void Sample(int population, Span<int> result)
    {
        // The same words as the byte samples: each serves two steps, its low half first.
        Span<int> pool = _pool.AsSpan(0, population);
        Span<int> swapped = _swapped.AsSpan(0, result.Length);
        ulong word = 0;
        for (int i = 0; i < result.Length; i++)
        {
            word = (i & 1) == 0 ? NextUInt64() : word >> 32;
            int j = i + (int)Below((uint)word, (uint)(population - i));
            swapped[i] = j;
            result[i] = pool[j];
            pool[j] = pool[i];
            pool[i] = result[i];
        }

        // Undo the swaps, last first, so that the pool is the identity again without a pass over all of it.
        for (int i = result.Length - 1; i >= 0; i--)
        {
            int j = swapped[i];
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
    }

    /// <summary>Lemire's exactly uniform value below <paramref name="bound"/> (at least 1) from <paramref name="word"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal uint Below(uint word, uint bound)
    {
        ulong product = (ulong)word * bound;
        if ((uint)product < bound)
        {
            product = Retry(product, bound);
        }

        return (uint)(product >> 32);
    }

    /// <summary>The rare rejection loop of <see cref="Below"/>: draws new words while the low product is under 2^32 mod bound.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ulong Retry(ulong product, uint bound)
    {
        uint threshold = (0U - bound) % bound;
        while ((uint)product < threshold)
        {
            product = (ulong)(uint)NextUInt64() * bound;
        }

        return product;
    }

    /// <summary>Where a byte sample's picks go.</summary>
    private interface IPicks
    {
        /// <summary>Takes the pick of step <paramref name="step"/>.</summary>
        void Take(nint step, byte value);
    }

    /// <summary>Lists the picks in selection order.</summary>
    private readonly ref struct Listed(Span<byte> drawn) : IPicks
    {
        private readonly ref byte _first = ref MemoryMarshal.GetReference(drawn);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Take(nint step, byte value) => Unsafe.Add(ref _first, step) = value;
    }

    /// <summary>Sets each pick's mark to 1 (the marks hold at least 256 bytes, one per byte value).</summary>
    private readonly ref struct Marked(Span<byte> marks) : IPicks
    {
        private readonly ref byte _first = ref MemoryMarshal.GetReference(marks);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Take(nint step, byte value) => Unsafe.Add(ref _first, value) = 1;
    }
}
