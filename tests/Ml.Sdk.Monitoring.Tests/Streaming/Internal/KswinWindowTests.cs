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
    public void Create_ChoosesTheByteLayoutUpTo255Values()
    {
        Assert.IsType<KswinRankWindow>(KswinWindow.Create(100, 30));
        Assert.IsType<KswinRankWindow>(KswinWindow.Create(KswinRankWindow.MaxWindowSize, 30));
        Assert.IsType<KswinSortedWindow>(KswinWindow.Create(KswinRankWindow.MaxWindowSize + 1, 30));
    }

    [Theory]
    [InlineData(100, 30, 1000)] // continuous values: almost every update moves ranks
    [InlineData(100, 30, 4)] // four distinct values: almost every update keeps them
    [InlineData(20, 10, 12)]
    [InlineData(255, 100, 40)]
    [InlineData(2, 1, 3)] // the smallest window
    public void DrawAndMeasure_ByteLayout_MatchesTheSortedLayout(int windowSize, int statSize, int levels)
    {
        var random = new Random(windowSize * 31 + levels);
        var bytes = new KswinRankWindow(windowSize, statSize);
        var sorted = new KswinSortedWindow(windowSize, statSize);
        var bytesRandom = new PythonRandom(5);
        var sortedRandom = new PythonRandom(5);
        bytesRandom.EnsureSampleCapacity(windowSize);
        sortedRandom.EnsureSampleCapacity(windowSize);

        for (int i = 0; i < 20_000; i++)
        {
            // A level shift every 2,000 values, and after 10,000 a clear of both, as KSWIN does after a detection.
            if (i == 10_000)
            {
                bytes.Clear();
                sorted.Clear();
            }

            float value = random.Next(levels) + (i / 2_000 % 2 == 0 ? 0 : levels / 2);
            bool full = bytes.Count + 1 >= windowSize;
            if (full)
            {
                bytes.Draw(bytesRandom);
                sorted.Draw(sortedRandom);
            }

            bytes.Append(value);
            sorted.Append(value);
            Assert.Equal(sorted.Count, bytes.Count);
            if (full)
            {
                Assert.True(sorted.Measure() == bytes.Measure(), $"h differs at update {i}");
            }
        }
    }
}
