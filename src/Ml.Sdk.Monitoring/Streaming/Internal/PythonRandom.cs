namespace Ml.Sdk.Monitoring.Streaming.Internal;

/// <summary>
/// CPython's <c>random.Random(seed)</c> (MT19937 seeded through <c>init_by_array</c>) and the parts of
/// <c>random.sample(range(n), k)</c> that KSWIN draws from, so that a seeded <see cref="Kswin"/> draws the same
/// reference sample as River's seeded <c>KSWIN</c>, update for update.
/// </summary>
/// <remarks>
/// Every buffer is allocated once in the constructor: seeding and sampling allocate nothing, which keeps
/// <see cref="Kswin.Update(double)"/> allocation-free.
/// </remarks>
internal sealed class PythonRandom
{
    private const int StateLength = 624;
    private const int ShiftLength = 397;
    private const uint MatrixA = 0x9908b0dfU;
    private const uint UpperMask = 0x80000000U;
    private const uint LowerMask = 0x7fffffffU;

    private readonly uint[] _state = new uint[StateLength];
    private readonly int _seed;
    private int _index;

    // random.sample's scratch: the pool of the pool method and the membership marks of the set method.
    private int[] _pool = [];
    private bool[] _selected = [];

    /// <summary>Creates a generator in the state of <c>random.Random(seed)</c>.</summary>
    /// <param name="seed">The seed; CPython seeds with its absolute value.</param>
    public PythonRandom(int seed)
    {
        _seed = seed;
        Reseed();
    }

    /// <summary>Prepares the scratch buffers for <see cref="Sample"/> over <c>range(population)</c>.</summary>
    /// <param name="population">The largest population that will be sampled.</param>
    public void EnsureSampleCapacity(int population)
    {
        if (_pool.Length < population)
        {
            _pool = new int[population];
            _selected = new bool[population];
        }
    }

    /// <summary>Returns the generator to the state of <c>random.Random(seed)</c> with the seed it was created with.</summary>
    public void Reseed()
    {
        // CPython's random_seed: the key is the absolute value of the seed as little-endian 32-bit words, at least one.
        uint key = (uint)Math.Abs((long)_seed);
        InitGenRand(19650218U);
        int i = 1;
        int j = 0;
        for (int k = StateLength; k > 0; k--)
        {
            _state[i] = (_state[i] ^ ((_state[i - 1] ^ (_state[i - 1] >> 30)) * 1664525U)) + key + (uint)j;
            i++;
            j++;
            if (i >= StateLength)
            {
                _state[0] = _state[StateLength - 1];
                i = 1;
            }

            if (j >= 1)
            {
                j = 0;
            }
        }

        for (int k = StateLength - 1; k > 0; k--)
        {
            _state[i] = (_state[i] ^ ((_state[i - 1] ^ (_state[i - 1] >> 30)) * 1566083941U)) - (uint)i;
            i++;
            if (i >= StateLength)
            {
                _state[0] = _state[StateLength - 1];
                i = 1;
            }
        }

        _state[0] = 0x80000000U;
    }

    /// <summary>
    /// Writes <c>random.sample(range(population), result.Length)</c> into <paramref name="result"/>, consuming the
    /// generator exactly as CPython does.
    /// </summary>
    /// <param name="population">The size of the population, at least <c>result.Length</c>; at most the capacity given to <see cref="EnsureSampleCapacity"/>.</param>
    /// <param name="result">Receives the drawn indices in selection order.</param>
    public void Sample(int population, Span<int> result)
    {
        int k = result.Length;
        int setSize = 21;
        if (k > 5)
        {
            // CPython: setsize += 4 ** _ceil(_log(k * 3, 4)); math.log(x, base) is log(x) / log(base).
            setSize += (int)Math.Min(1L << (2 * (int)Math.Ceiling(Math.Log(k * 3) / Math.Log(4))), int.MaxValue - 21);
        }

        if (population <= setSize)
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
        int bits = 32 - int.LeadingZeroCount(n);
        int shift = 32 - bits;
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
        if (_index >= StateLength)
        {
            Twist();
        }

        uint y = _state[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680U;
        y ^= (y << 15) & 0xefc60000U;
        y ^= y >> 18;
        return y;
    }

    private void InitGenRand(uint seed)
    {
        _state[0] = seed;
        for (int i = 1; i < StateLength; i++)
        {
            _state[i] = (1812433253U * (_state[i - 1] ^ (_state[i - 1] >> 30))) + (uint)i;
        }

        _index = StateLength;
    }

    private void Twist()
    {
        uint[] mt = _state;
        int kk = 0;
        for (; kk < StateLength - ShiftLength; kk++)
        {
            uint y = (mt[kk] & UpperMask) | (mt[kk + 1] & LowerMask);
            mt[kk] = mt[kk + ShiftLength] ^ (y >> 1) ^ ((y & 1U) * MatrixA);
        }

        for (; kk < StateLength - 1; kk++)
        {
            uint y = (mt[kk] & UpperMask) | (mt[kk + 1] & LowerMask);
            mt[kk] = mt[kk + (ShiftLength - StateLength)] ^ (y >> 1) ^ ((y & 1U) * MatrixA);
        }

        uint last = (mt[StateLength - 1] & UpperMask) | (mt[0] & LowerMask);
        mt[StateLength - 1] = mt[ShiftLength - 1] ^ (last >> 1) ^ ((last & 1U) * MatrixA);
        _index = 0;
    }
}
