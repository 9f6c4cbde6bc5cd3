using Ml.Sdk.Monitoring.Streaming.Internal;

namespace Ml.Sdk.Monitoring.Tests.Streaming.Internal;

/// <summary>
/// <see cref="WyrandSampler"/>, the unseeded KSWIN's sampler: the draws of a plain transcription of its definition (wyrand
/// words, two draws a word, Lemire with rejection, partial Fisher–Yates), distinct values from the population, every value
/// and every pair of values drawn as often as a uniform sample without replacement draws them, Lemire's rejection where
/// it matters, and the same draws through each of its entry points. The generator starts from a fixed state, so each
/// statistical bound below is checked against one fixed sequence and never flickers; the bounds are the 1 - 10^-4
/// quantiles of the statistics under uniform sampling.
/// </summary>
public sealed class WyrandSamplerTests
{
    private const int Population = 70;
    private const int Count = 30;
    private const int Draws = 100_000;

    [Fact]
    public void Sample_Bytes_DrawsDistinctValuesOfThePopulation()
    {
        var sampler = new WyrandSampler(7);
        var drawn = new byte[Count];
        for (int draw = 0; draw < 1_000; draw++)
        {
            sampler.Sample(Pool(), Population, drawn);

            Assert.Equal(Count, drawn.Distinct().Count());
            Assert.All(drawn, value => Assert.InRange(value, 0, Population - 1));
        }
    }

    [Fact]
    public void Sample_ManyDraws_DrawsEveryValueAndEveryPairAsAUniformSampleDoes()
    {
        var sampler = new WyrandSampler(11);
        var drawn = new byte[Count];
        var singles = new long[Population];
        var pairs = new long[Population, Population];
        for (int draw = 0; draw < Draws; draw++)
        {
            sampler.Sample(Pool(), Population, drawn);
            foreach (byte a in drawn)
            {
                singles[a]++;
                foreach (byte b in drawn)
                {
                    pairs[a, b]++;
                }
            }
        }

        // Each value is drawn with probability 30/70 per draw: the standardized squared deviations sum to about a
        // chi-square with 69 degrees of freedom (the counts always sum to 30 per draw).
        double p = (double)Count / Population;
        double chiSquare = singles.Sum(observed => Math.Pow(observed - (Draws * p), 2) / (Draws * p * (1 - p)));
        Assert.True(chiSquare < 121.44, $"chi-square of the value counts is {chiSquare}");

        // Each pair is drawn together with probability 30·29 / (70·69): every pair's z-score within the bound that all
        // 2,415 pairs meet together with probability 1 - 10^-4.
        double q = Count * (Count - 1.0) / (Population * (Population - 1.0));
        double largest = 0;
        for (int a = 0; a < Population; a++)
        {
            for (int b = a + 1; b < Population; b++)
            {
                largest = Math.Max(largest, Math.Abs(pairs[a, b] - (Draws * q)) / Math.Sqrt(Draws * q * (1 - q)));
            }
        }

        Assert.True(largest < 5.49, $"the largest pair z-score is {largest}");
    }

    [Fact]
    public void Below_BoundWhereRejectionMatters_IsExactlyUniform()
    {
        // bound = 3 · 2^30: without Lemire's rejection ⌊w · bound / 2^32⌋ = ⌊3w / 4⌋ lands on multiples of 3 half the
        // time; with it, each residue mod 3 a third of the time.
        var sampler = new WyrandSampler(3);
        const uint bound = 3U << 30;
        var residues = new long[3];
        const int n = 300_000;
        for (int i = 0; i < n; i++)
        {
            uint value = sampler.Below((uint)sampler.NextUInt64(), bound);
            Assert.True(value < bound);
            residues[value % 3]++;
        }

        double chiSquare = residues.Sum(observed => Math.Pow(observed - (n / 3.0), 2) / (n / 3.0));
        Assert.True(chiSquare < 18.42, $"chi-square of the residues is {chiSquare}");
    }

    [Fact]
    public void SampleMarks_SameState_MarksWhatSampleDraws()
    {
        var listing = new WyrandSampler(5);
        var marking = new WyrandSampler(5);
        var drawn = new byte[Count];
        var scratch = new byte[Count];
        for (int draw = 0; draw < 200; draw++)
        {
            var marks = new byte[256];
            listing.Sample(Pool(), Population, drawn);
            marking.SampleMarks(Pool(), Population, scratch, marks, Count);

            Assert.Equal(drawn.Order(), Enumerable.Range(0, 256).Where(value => marks[value] == 1).Select(value => (byte)value));
        }
    }

    [Theory]
    [InlineData(70, 30)]
    [InlineData(70, 29)] // an odd count: the last step uses a word of its own
    [InlineData(1_000, 30)]
    public void Sample_Indices_DrawWhatTheByteSampleDrawsAndRestoreThePool(int population, int count)
    {
        var indices = new WyrandSampler(9);
        indices.EnsureSampleCapacity(population);
        var result = new int[count];
        for (int draw = 0; draw < 50; draw++)
        {
            indices.Sample(population, result);

            Assert.Equal(count, result.Distinct().Count());
            Assert.All(result, value => Assert.InRange(value, 0, population - 1));
        }

        if (population <= 256)
        {
            var bytes = new WyrandSampler(9);
            var drawn = new byte[count];
            var again = new WyrandSampler(9);
            again.EnsureSampleCapacity(population);
            for (int draw = 0; draw < 50; draw++)
            {
                bytes.Sample(Pool(population), population, drawn);
                again.Sample(population, result);

                Assert.Equal(drawn.Select(value => (int)value), result);
            }
        }
    }

    [Fact]
    public void ResetAndRestart_ResetStartsOverAndRestartContinues()
    {
        var sampler = new WyrandSampler(1);
        var first = new byte[Count];
        var next = new byte[Count];
        var again = new byte[Count];
        sampler.Sample(Pool(), Population, first);

        sampler.RestartAfterDetection();
        sampler.Sample(Pool(), Population, next);
        sampler.Reset();
        sampler.Sample(Pool(), Population, again);

        Assert.NotEqual(first, next);
        Assert.Equal(first, again);
    }

    [Theory]
    [InlineData(70, 30)] // KSWIN's defaults
    [InlineData(70, 29)] // an odd count: the last draw takes a word of its own
    [InlineData(2, 1)]
    [InlineData(255, 100)]
    public void SampleMarks_AnyShape_DrawsWhatThePlainDefinitionDraws(int population, int count)
    {
        var sampler = new WyrandSampler(21);
        var reference = new PlainWyrand(21);
        var scratch = new byte[count];
        for (int draw = 0; draw < 300; draw++)
        {
            var marks = new byte[256];
            sampler.SampleMarks(Pool(population), population, scratch, marks, count);
            byte[] expected = reference.Sample(Pool(population), population, count);

            Assert.Equal(expected.Order(), Enumerable.Range(0, 256).Where(value => marks[value] == 1).Select(value => (byte)value));
        }
    }

    [Fact]
    public void Sample_BoundsWhereLemireRejectsOften_DrawsWhatThePlainDefinitionDraws()
    {
        // Bounds near 3 · 2^29 reject about a quarter of the words, and each rejection draws a word from the same stream
        // before the draw that shares the rejected word: the definition's order.
        const int population = 3 << 29;
        var sampler = new WyrandSampler(33);
        var reference = new PlainWyrand(33);
        for (int draw = 0; draw < 200; draw++)
        {
            ulong word = 0;
            for (int i = 0; i < 30; i++)
            {
                word = (i & 1) == 0 ? sampler.NextUInt64() : word >> 32;
                Assert.Equal(reference.Below(i, population - i), sampler.Below((uint)word, (uint)(population - i)));
            }
        }
    }

    private static byte[] Pool(int population = Population)
    {
        var pool = new byte[Math.Max(population, PythonRandom.PoolLength(population))];
        for (int i = 0; i < population; i++)
        {
            pool[i] = (byte)i;
        }

        return pool;
    }

    /// <summary>The unseeded sampler's definition, written the plain way: one draw at a time.</summary>
    private sealed class PlainWyrand(ulong seed)
    {
        private ulong _state = seed;
        private ulong _word;

        public byte[] Sample(byte[] pool, int population, int count)
        {
            var drawn = new byte[count];
            for (int i = 0; i < count; i++)
            {
                int j = i + (int)Below(i, population - i);
                drawn[i] = pool[j];
                (pool[i], pool[j]) = (pool[j], pool[i]);
            }

            return drawn;
        }

        /// <summary>Draw i of a sample: the low half of a fresh word for even i, the high half of that word for odd i.</summary>
        public uint Below(int i, int bound)
        {
            _word = (i & 1) == 0 ? Next() : _word >> 32;
            ulong product = (ulong)(uint)_word * (uint)bound;
            uint threshold = (0U - (uint)bound) % (uint)bound;
            while ((uint)product < threshold)
            {
                product = (ulong)(uint)Next() * (uint)bound;
            }

            return (uint)(product >> 32);
        }

        private ulong Next()
        {
            _state += 0xa0761d6478bd642fUL;
            UInt128 product = (UInt128)_state * (_state ^ 0xe7037ed1a0b428dbUL);
            return (ulong)(product >> 64) ^ (ulong)product;
        }
    }
}
