using Ml.Sdk.Monitoring.Streaming;

namespace Ml.Sdk.Monitoring.Tests.Streaming;

/// <summary><see cref="PageHinkley"/> against River's PageHinkley: hand-computed sums and River's printed index.</summary>
public sealed class PageHinkleyTests
{
    [Fact]
    public void Constructor_NoArguments_HasRiversDefaults()
    {
        var detector = new PageHinkley();

        Assert.Equal(30, detector.MinInstances);
        Assert.Equal(0.005, detector.Delta);
        Assert.Equal(50.0, detector.Threshold);
        Assert.Equal(1 - 0.0001, detector.Alpha);
        Assert.Equal(PageHinkleyMode.Both, detector.Mode);
        Assert.Equal(0, detector.Count);
        Assert.Equal(double.PositiveInfinity, detector.MinSumIncrease);
        Assert.Equal(-1.0, detector.MaxSumDecrease);
    }

    [Theory]
    [InlineData(0, 0.005, 50.0, 0.9999, PageHinkleyMode.Both, "minInstances")]
    [InlineData(30, -0.1, 50.0, 0.9999, PageHinkleyMode.Both, "delta")]
    [InlineData(30, double.NaN, 50.0, 0.9999, PageHinkleyMode.Both, "delta")]
    [InlineData(30, 0.005, 0.0, 0.9999, PageHinkleyMode.Both, "threshold")]
    [InlineData(30, 0.005, double.PositiveInfinity, 0.9999, PageHinkleyMode.Both, "threshold")]
    [InlineData(30, 0.005, 50.0, 0.0, PageHinkleyMode.Both, "alpha")]
    [InlineData(30, 0.005, 50.0, 1.5, PageHinkleyMode.Both, "alpha")]
    [InlineData(30, 0.005, 50.0, 0.9999, (PageHinkleyMode)7, "mode")]
    public void Constructor_ParameterOutOfRange_ThrowsNamingIt(int minInstances, double delta, double threshold, double alpha, PageHinkleyMode mode, string name)
    {
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => new PageHinkley(minInstances, delta, threshold, alpha, mode));
        Assert.Equal(name, error.ParamName);
    }

    [Fact]
    public void Update_NaN_Throws()
    {
        var detector = new PageHinkley();

        Assert.Throws<ArgumentException>(() => detector.Update(double.NaN));
        Assert.Equal(0, detector.Count);
    }

    [Fact]
    public void Update_TinyStreamWithAJumpUp_SumsAreTheHandComputedOnes()
    {
        var detector = new PageHinkley(minInstances: 3, delta: 0.1, threshold: 1.0, alpha: 1.0, mode: PageHinkleyMode.Up);

        // Three zeros: the mean stays 0, S+ = -0.1 k, S- = +0.1 k; the third reaches minInstances but both tests give 0.
        for (int k = 1; k <= 3; k++)
        {
            Assert.False(detector.Update(0.0));
            Assert.Equal(-0.1 * k, detector.SumIncrease, 12);
            Assert.Equal(0.1 * k, detector.SumDecrease, 12);
            Assert.Equal(-0.1 * k, detector.MinSumIncrease, 12);
            Assert.Equal(0.1 * k, detector.MaxSumDecrease, 12);
        }

        // 3: mean 3/4, deviation 2.25, S+ = -0.3 + 2.25 - 0.1 = 1.85, S- = 0.3 + 2.25 + 0.1 = 2.65;
        // S+ - min S+ = 1.85 + 0.3 = 2.15 > 1: a drift upwards.
        Assert.True(detector.Update(3.0));
        Assert.Equal(0.75, detector.Mean, 12);
        Assert.Equal(1.85, detector.SumIncrease, 12);
        Assert.Equal(2.65, detector.SumDecrease, 12);
        Assert.Equal(-0.3, detector.MinSumIncrease, 12);
        Assert.Equal(2.65, detector.MaxSumDecrease, 12);
    }

    [Theory]
    [InlineData(PageHinkleyMode.Up, 3.0, true)]
    [InlineData(PageHinkleyMode.Up, -3.0, false)]
    [InlineData(PageHinkleyMode.Down, 3.0, false)]
    [InlineData(PageHinkleyMode.Down, -3.0, true)]
    [InlineData(PageHinkleyMode.Both, 3.0, true)]
    [InlineData(PageHinkleyMode.Both, -3.0, true)]
    public void Update_JumpAfterThreeZeros_DetectsOnlyTheDirectionsTheModeWatches(PageHinkleyMode mode, double jump, bool expected)
    {
        var detector = new PageHinkley(minInstances: 3, delta: 0.1, threshold: 1.0, alpha: 1.0, mode: mode);
        for (int i = 0; i < 3; i++)
        {
            detector.Update(0.0);
        }

        // Down: S- = 0.3 - 2.25 + 0.1 = -1.85 against max S- = 0.3, a gap of 2.15 > 1.
        Assert.Equal(expected, detector.Update(jump));
    }

    [Fact]
    public void Update_FadingFactor_ShrinksThePastSums()
    {
        var detector = new PageHinkley(minInstances: 1, delta: 0.1, threshold: 100.0, alpha: 0.5);
        detector.Update(2.0);
        detector.Update(0.0);

        // Mean 1, deviation -1: S+ = 0.5 · -0.1 - 1 - 0.1 = -1.15, S- = 0.5 · 0.1 - 1 + 0.1 = -0.85.
        Assert.Equal(1.0, detector.Mean, 12);
        Assert.Equal(-1.15, detector.SumIncrease, 12);
        Assert.Equal(-0.85, detector.SumDecrease, 12);
        Assert.Equal(-1.15, detector.MinSumIncrease, 12);
        Assert.Equal(0.1, detector.MaxSumDecrease, 12);
    }

    [Fact]
    public void Update_BeforeMinInstances_NeverDetects()
    {
        var detector = new PageHinkley(minInstances: 5, threshold: 1.0);
        double[] values = [0, 0, 0, 1000];

        Assert.Empty(TestStreams.Detections(detector, values));
        Assert.True(detector.SumIncrease - detector.MinSumIncrease > detector.Threshold);
        Assert.True(detector.Update(1000.0));
    }

    [Fact]
    public void Update_RiversDocstringStream_DetectsAtTheIndexRiverPrints()
    {
        // PageHinkley's docstring prints "Change detected at index 1006, input value: 5".
        Assert.Equal([1006], TestStreams.Detections(new PageHinkley(), TestStreams.Values(TestStreams.Random12345TwoSegments)));
    }

    [Fact]
    public void Update_AfterADetection_NextUpdateStartsFromNothing()
    {
        var detector = new PageHinkley(minInstances: 3, delta: 0.1, threshold: 1.0, alpha: 1.0);
        foreach (double value in (double[])[0, 0, 0, 3])
        {
            detector.Update(value);
        }

        Assert.True(detector.DriftDetected);
        Assert.False(detector.Update(7.0));

        Assert.Equal(7.0, detector.Mean);
        Assert.Equal(-0.1, detector.SumIncrease, 12);
        Assert.Equal(5, detector.Count);
    }

    [Fact]
    public void Reset_AfterUpdates_ForgetsEverything()
    {
        var detector = new PageHinkley();
        double[] values = TestStreams.Values(TestStreams.Random12345TwoSegments);
        TestStreams.Detections(detector, values);

        detector.Reset();

        Assert.Equal(0, detector.Count);
        Assert.False(detector.DriftDetected);
        Assert.Equal(0.0, detector.Mean);
        Assert.Equal([1006], TestStreams.Detections(detector, values));
    }

    [Fact]
    public void Update_WarmDetector_AllocatesNothing()
    {
        var detector = new PageHinkley();
        double[] values = TestStreams.Shifting(100_000);
        TestStreams.Detections(detector, values);

        (long allocated, int detections) = TestStreams.MeasureUpdates(detector, values);

        Assert.Equal(0, allocated);
        Assert.True(detections > 0, "the measured updates should include detections");
    }
}
