using Ml.Sdk.Monitoring.Streaming.Internal;

namespace Ml.Sdk.Monitoring.Tests.Streaming.Internal;

/// <summary>
/// <see cref="KswinRankWindow"/> (the byte layout) against <see cref="KswinSortedWindow"/> (the general one) on the same
/// values and draws: the same h at every update, through heavy ties, repeated values, and values leaving as their last
/// copy or not.
/// </summary>
public sealed class KswinWindowTests
{
    [Fact]
    public void Create_ChoosesTheValueOrderLayoutUpTo128ValuesWhereSupported_ThenTheByteLayoutUpTo255()
    {
        if (KswinAgeOrderWindow.IsSupported)
        {
            Assert.IsType<KswinAgeOrderWindow>(KswinWindow.Create(100, 30));
            Assert.IsType<KswinAgeOrderWindow>(KswinWindow.Create(KswinAgeOrderWindow.MaxWindowSize, 30));
            Assert.IsType<KswinRankWindow>(KswinWindow.Create(KswinAgeOrderWindow.MaxWindowSize + 1, 30));
        }
        else
        {
            Assert.IsType<KswinRankWindow>(KswinWindow.Create(100, 30));
            Assert.Throws<PlatformNotSupportedException>(() => new KswinAgeOrderWindow(100, 30));
        }

        Assert.IsType<KswinRankWindow>(KswinWindow.Create(KswinRankWindow.MaxWindowSize, 30));
        Assert.IsType<KswinSortedWindow>(KswinWindow.Create(KswinRankWindow.MaxWindowSize + 1, 30));
    }

    [Theory]
    [InlineData(100, 30, 1000)] // continuous values: almost every update moves ranks
    [InlineData(100, 30, 4)] // four distinct values: almost every update keeps them
    [InlineData(20, 10, 12)]
    [InlineData(255, 100, 40)]
    [InlineData(2, 1, 3)] // the smallest window
    public void DrawAndMeasure_ByteLayout_MatchesTheSortedLayout(int windowSize, int statSize, int levels) =>
        AssertSameDistances(new KswinRankWindow(windowSize, statSize), new KswinSortedWindow(windowSize, statSize), windowSize, levels);

    [Avx512VbmiTheory]
    [InlineData(100, 30, 1000)] // continuous values: almost every update moves entries
    [InlineData(100, 30, 4)] // four distinct values: long groups of equal values
    [InlineData(100, 30, 60)]
    [InlineData(20, 10, 12)]
    [InlineData(127, 40, 1000)] // one padding entry
    [InlineData(128, 64, 1000)] // no padding: age 127 is real
    [InlineData(128, 30, 3)]
    [InlineData(64, 20, 500)] // the window ends with the low register
    [InlineData(65, 20, 500)]
    [InlineData(2, 1, 3)] // the smallest window
    public void DrawAndMeasure_ValueOrderLayout_MatchesTheSortedLayout(int windowSize, int statSize, int levels) =>
        AssertSameDistances(new KswinAgeOrderWindow(windowSize, statSize), new KswinSortedWindow(windowSize, statSize), windowSize, levels);

    private static void AssertSameDistances(KswinWindow tested, KswinWindow sorted, int windowSize, int levels)
    {
        var random = new Random(windowSize * 31 + levels);
        var testedRandom = new PythonRandom(5);
        var sortedRandom = new PythonRandom(5);
        testedRandom.EnsureSampleCapacity(windowSize);
        sortedRandom.EnsureSampleCapacity(windowSize);

        for (int i = 0; i < 20_000; i++)
        {
            // A level shift every 2,000 values, and after 10,000 a clear of both, as KSWIN does after a detection.
            if (i == 10_000)
            {
                tested.Clear();
                sorted.Clear();
            }

            float value = random.Next(levels) + (i / 2_000 % 2 == 0 ? 0 : levels / 2);
            bool full = tested.Count + 1 >= windowSize;
            if (full)
            {
                tested.Draw(testedRandom);
                sorted.Draw(sortedRandom);
            }

            tested.Append(value);
            sorted.Append(value);
            Assert.Equal(sorted.Count, tested.Count);
            if (full)
            {
                int expected = sorted.Measure();
                int actual = tested.Measure();
                Assert.True(expected == actual, $"h is {actual}, not {expected}, at update {i}");
            }
        }
    }
}
