using Ml.Sdk.Monitoring.Streaming;

namespace Ml.Sdk.Monitoring.Tests.Streaming;

/// <summary>
/// <see cref="Kswin"/> against River's KSWIN with the same seed: River's printed index, and the p-values and detections
/// of a transcription of River's kswin.py run on CPython with scipy 1.10.1's exact <c>ks_2samp</c>.
/// </summary>
public sealed class KswinTests
{
    [Fact]
    public void Constructor_NoArguments_HasRiversDefaultsAndNoSeed()
    {
        var kswin = new Kswin();

        Assert.Equal(0.005, kswin.Alpha);
        Assert.Equal(100, kswin.WindowSize);
        Assert.Equal(30, kswin.StatSize);
        Assert.Null(kswin.Seed);
        Assert.Equal(0, kswin.Count);
        Assert.Equal(0.0, kswin.PValue);
    }

    [Theory]
    [InlineData(-0.1, 100, 30, "alpha")]
    [InlineData(1.1, 100, 30, "alpha")]
    [InlineData(double.NaN, 100, 30, "alpha")]
    [InlineData(0.005, 100, 0, "statSize")]
    [InlineData(0.005, 59, 30, "windowSize")]
    public void Constructor_ParameterOutOfRange_ThrowsNamingIt(double alpha, int windowSize, int statSize, string name)
    {
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => new Kswin(alpha, windowSize, statSize));
        Assert.Equal(name, error.ParamName);
    }

    [Fact]
    public void Update_NaN_Throws()
    {
        var kswin = new Kswin();

        Assert.Throws<ArgumentException>(() => kswin.Update(double.NaN));
        Assert.Equal(0, kswin.WindowCount);
    }

    [Fact]
    public void Update_BeforeTheWindowFills_RunsNoTest()
    {
        var kswin = new Kswin();
        double[] values = TestStreams.MeanZeroThenOne();
        for (int i = 0; i < 99; i++)
        {
            Assert.False(kswin.Update(values[i]));
        }

        Assert.Equal(99, kswin.WindowCount);
        Assert.Equal(0.0, kswin.PValue);
        Assert.Equal(0.0, kswin.Statistic);
    }

    [Fact]
    public void Update_WindowJustFull_TestsTheSampleRiverDraws()
    {
        var kswin = new Kswin(seed: 0);
        double[] values = TestStreams.MeanZeroThenOne();
        for (int i = 0; i < 100; i++)
        {
            kswin.Update(values[i]);
        }

        // k = KSWIN(seed=0) fed the first 100 values (ks_2samp method='exact'): k.p_value and the statistic.
        Assert.Equal(0.16666666666666666, kswin.Statistic, 12);
        Assert.Equal(0.8079631540901643, kswin.PValue, 9);
        Assert.Equal(100, kswin.WindowCount);
    }

    [Fact]
    public void Update_RiversDocstringStream_DetectsAtTheIndexRiverPrints()
    {
        // KSWIN's docstring, KSWIN(alpha=0.0001, seed=42): "Change detected at index 1016, input value: 6".
        var kswin = new Kswin(alpha: 0.0001, seed: 42);

        Assert.Equal([1016], TestStreams.Detections(kswin, TestStreams.Values(TestStreams.Random12345TwoSegments)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    public void Update_StationaryStream_NeverDetects(int? seed)
    {
        Assert.Empty(TestStreams.Detections(new Kswin(seed: seed), TestStreams.Uniform(5_000)));
    }

    [Fact]
    public void Update_MeanShift_DetectsWhereRiverDoes()
    {
        // The transcription of River gives [1020] for KSWIN(seed=0) on this stream; the shift is at index 1000.
        Assert.Equal([1020], TestStreams.Detections(new Kswin(seed: 0), TestStreams.MeanZeroThenOne()));
    }

    [Fact]
    public void Update_Unseeded_MeanShift_DetectsOnceSoonAfterIt()
    {
        int detection = Assert.Single(TestStreams.Detections(new Kswin(), TestStreams.MeanZeroThenOne()));

        Assert.InRange(detection, 1000, 1060);
    }

    [Fact]
    public void Reset_Unseeded_DetectsAsAFreshDetector()
    {
        double[] values = TestStreams.Shifting(20_000);
        List<int> fresh = TestStreams.Detections(new Kswin(), values);
        var kswin = new Kswin();
        TestStreams.Detections(kswin, values);

        kswin.Reset();

        Assert.NotEmpty(fresh);
        Assert.Equal(fresh, TestStreams.Detections(kswin, values));
    }

    [Fact]
    public void Update_AfterADetection_NextUpdateStartsAnEmptyWindow()
    {
        var kswin = new Kswin();
        double[] values = TestStreams.MeanZeroThenOne();
        int i = 0;
        while (!kswin.Update(values[i]))
        {
            i++;
        }

        kswin.Update(values[i + 1]);

        Assert.Equal(1, kswin.WindowCount);
        Assert.Equal(0.0, kswin.PValue);
        Assert.False(kswin.DriftDetected);
        Assert.Equal(i + 2, kswin.Count);
    }

    [Fact]
    public void Reset_AfterUpdates_ReseedsAndForgetsEverything()
    {
        var kswin = new Kswin(alpha: 0.0001, seed: 42);
        double[] values = TestStreams.Values(TestStreams.Random12345TwoSegments);
        for (int i = 0; i < 500; i++)
        {
            kswin.Update(values[i]);
        }

        kswin.Reset();

        Assert.Equal(0, kswin.Count);
        Assert.Equal(0, kswin.WindowCount);
        Assert.Equal([1016], TestStreams.Detections(kswin, values));
    }

    [Fact]
    public void Update_WarmDetector_AllocatesNothing()
    {
        var kswin = new Kswin();
        double[] values = TestStreams.Shifting(20_000);
        TestStreams.Detections(kswin, values);

        (long allocated, int detections) = TestStreams.MeasureUpdates(kswin, values, repeats: 5);

        Assert.Equal(0, allocated);
        Assert.True(detections > 0, "the measured updates should include detections");
    }
}
