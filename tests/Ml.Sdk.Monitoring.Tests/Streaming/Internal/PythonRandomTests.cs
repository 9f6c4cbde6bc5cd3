using Ml.Sdk.Monitoring.Streaming.Internal;

namespace Ml.Sdk.Monitoring.Tests.Streaming.Internal;

/// <summary><see cref="PythonRandom"/> against CPython 3.11's <c>random.Random</c>, value for value.</summary>
public sealed class PythonRandomTests
{
    [Theory]
    [InlineData(42, 2746317213U)] // random.Random(42).getrandbits(32)
    [InlineData(0, 3626764237U)] // random.Random(0).getrandbits(32)
    [InlineData(-7, 1390851128U)] // random.Random(-7).getrandbits(32), which CPython seeds with 7
    [InlineData(int.MinValue, 1455117090U)] // random.Random(2**31).getrandbits(32)
    public void NextUInt32_FirstDraw_IsCPythons(int seed, uint expected)
    {
        Assert.Equal(expected, new PythonRandom(seed).NextUInt32());
    }

    [Fact]
    public void NextUInt32_PastTheFirstTwist_IsCPythons()
    {
        var random = new PythonRandom(42);

        // r = random.Random(42); [r.getrandbits(32) for _ in range(3)]
        Assert.Equal([2746317213U, 478163327U, 107420369U], [random.NextUInt32(), random.NextUInt32(), random.NextUInt32()]);
        for (int i = 3; i < 624; i++)
        {
            random.NextUInt32();
        }

        Assert.Equal(1071722055U, random.NextUInt32()); // the 625th draw, after the state is regenerated
    }

    [Fact]
    public void Sample_PoolMethod_IsCPythons()
    {
        var random = new PythonRandom(42);
        random.EnsureSampleCapacity(70);
        var first = new int[30];
        var second = new int[30];

        random.Sample(70, first);
        random.Sample(70, second);

        // r = random.Random(42); r.sample(range(70), 30); r.sample(range(70), 30)
        Assert.Equal([14, 3, 35, 31, 28, 17, 13, 43, 47, 57, 34, 5, 37, 27, 2, 1, 58, 63, 69, 32, 38, 54, 67, 12, 45, 41, 59, 26, 51, 65], first);
        Assert.Equal([35, 0, 20, 54, 43, 69, 19, 13, 61, 48, 21, 6, 5, 24, 58, 22, 66, 38, 16, 2, 46, 29, 34, 7, 56, 57, 64, 18, 40, 39], second);
    }

    [Fact]
    public void Sample_SetMethodForALargePopulation_IsCPythons()
    {
        var random = new PythonRandom(7);
        random.EnsureSampleCapacity(1000);
        var drawn = new int[30];

        random.Sample(1000, drawn);

        // random.Random(7).sample(range(1000), 30): 1000 > 21 + 4**4, so CPython draws into a set.
        Assert.Equal([331, 970, 154, 404, 666, 49, 74, 840, 548, 96, 374, 596, 59, 931, 519, 219, 38, 88, 444, 428, 71, 246, 92, 564, 434, 60, 846, 579, 126, 228], drawn);
    }

    [Fact]
    public void Sample_FewDraws_IsCPythons()
    {
        var random = new PythonRandom(7);
        random.EnsureSampleCapacity(10);
        var drawn = new int[3];

        random.Sample(10, drawn);

        Assert.Equal([5, 2, 6], drawn); // random.Random(7).sample(range(10), 3)
    }

    [Fact]
    public void Reseed_AfterDraws_StartsTheSequenceAgain()
    {
        var random = new PythonRandom(0);
        random.EnsureSampleCapacity(70);
        var first = new int[30];
        var again = new int[30];
        random.Sample(70, first);
        random.NextUInt32();

        random.Reseed();
        random.Sample(70, again);

        Assert.Equal(first, again);
        Assert.Equal(49, first[0]); // random.Random(0).sample(range(70), 30)[0]
    }

    [Fact]
    public void Sample_BytePool_IsCPythonsInReverse()
    {
        var random = new PythonRandom(42);
        byte[] pool = Identity(70, PythonRandom.PoolLength(70));
        var drawn = new byte[30];

        random.Sample(pool, 70, drawn);

        // random.Random(42).sample(range(70), 30)
        Assert.Equal([14, 3, 35, 31, 28, 17, 13, 43, 47, 57, 34, 5, 37, 27, 2, 1, 58, 63, 69, 32, 38, 54, 67, 12, 45, 41, 59, 26, 51, 65], drawn.AsEnumerable().Reverse().Select(b => (int)b));
    }

    [Theory]
    [InlineData(70, 30, 0)] // KSWIN's defaults: the pool method, a 7-bit then a 6-bit run
    [InlineData(10, 10, 7)] // every index drawn
    [InlineData(43, 7, 3)]
    [InlineData(255, 100, 11)] // the largest byte population
    [InlineData(55, 5, 9)] // the set method (55 > 21)
    [InlineData(240, 30, -4)] // the pool method over an 8-bit run
    public void Sample_BytePool_DrawsAndConsumesAsTheIndexSample(int population, int count, int seed)
    {
        // Labels that are not the indices, some repeated, so that the byte sample must carry labels, not positions.
        byte[] labels = [.. Enumerable.Range(0, population).Select(i => (byte)((i * 7 + 3) % 200))];
        var bytes = new PythonRandom(seed);
        bytes.EnsureSampleCapacity(population);
        var indices = new PythonRandom(seed);
        indices.EnsureSampleCapacity(population);
        var pool = new byte[PythonRandom.PoolLength(population)];
        var drawn = new byte[count];
        var expected = new int[count];

        // Enough samples to run through several regenerations of the state.
        for (int sample = 0; sample < 200; sample++)
        {
            labels.CopyTo(pool, 0);
            bytes.Sample(pool, population, drawn);
            indices.Sample(population, expected);

            Assert.Equal(expected.Select(i => labels[i]), drawn.AsEnumerable().Reverse());
        }

        Assert.Equal(indices.NextUInt32(), bytes.NextUInt32());
    }

    private static byte[] Identity(int population, int length)
    {
        var pool = new byte[length];
        for (int i = 0; i < population; i++)
        {
            pool[i] = (byte)i;
        }

        return pool;
    }
}
