using Ml.Sdk.Monitoring.Streaming;

namespace Ml.Sdk.Monitoring.Tests.Streaming;

/// <summary>
/// <see cref="Adwin"/> against River's ADWIN: the indices River's own tests and docstring record, the bucket structure
/// and cut condition worked out by hand from River's source, and the properties every ADWIN has.
/// </summary>
public sealed class AdwinTests
{
    [Fact]
    public void Constructor_NoArguments_HasRiversDefaults()
    {
        var adwin = new Adwin();

        Assert.Equal(0.002, adwin.Delta);
        Assert.Equal(32, adwin.Clock);
        Assert.Equal(5, adwin.MaxBuckets);
        Assert.Equal(5, adwin.MinWindowLength);
        Assert.Equal(10, adwin.GracePeriod);
        Assert.Equal(0, adwin.Count);
        Assert.Equal(0, adwin.Width);
        Assert.Equal(0.0, adwin.Estimation);
        Assert.Equal(0.0, adwin.Variance);
        Assert.False(adwin.DriftDetected);
    }

    [Theory]
    [InlineData(0.0, 32, 5, 5, 10, "delta")]
    [InlineData(1.0, 32, 5, 5, 10, "delta")]
    [InlineData(double.NaN, 32, 5, 5, 10, "delta")]
    [InlineData(0.002, 0, 5, 5, 10, "clock")]
    [InlineData(0.002, 32, 0, 5, 10, "maxBuckets")]
    [InlineData(0.002, 32, 5, 0, 10, "minWindowLength")]
    [InlineData(0.002, 32, 5, 5, -1, "gracePeriod")]
    public void Constructor_ParameterOutOfRange_ThrowsNamingIt(double delta, int clock, int maxBuckets, int minWindowLength, int gracePeriod, string name)
    {
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => new Adwin(delta, clock, maxBuckets, minWindowLength, gracePeriod));
        Assert.Equal(name, error.ParamName);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Update_NotFinite_ThrowsAndLeavesTheWindowAlone(double value)
    {
        var adwin = new Adwin();
        adwin.Update(1.0);

        Assert.Throws<ArgumentException>(() => adwin.Update(value));
        Assert.Equal(1, adwin.Count);
        Assert.Equal(1, adwin.Width);
    }

    [Fact]
    public void Update_SixValues_MergesTheTwoOldestIntoRowOne()
    {
        var adwin = new Adwin(clock: 1_000_000);
        foreach (double value in (double[])[1, 2, 3, 4, 5, 6])
        {
            adwin.Update(value);
        }

        // The sixth bucket of one value overflows row 0 (5 at most): 1 and 2 merge into a bucket of two values with
        // total 3 and sum of squared deviations 1 · 1 / 2 · (1 - 2)² = 0.5.
        Assert.Equal(2, adwin.RowCount);
        Assert.Equal(4, adwin.BucketCount(0));
        Assert.Equal([3.0, 4.0, 5.0, 6.0], Enumerable.Range(0, 4).Select(i => adwin.BucketTotal(0, i)));
        Assert.Equal(1, adwin.BucketCount(1));
        Assert.Equal(3.0, adwin.BucketTotal(1, 0));
        Assert.Equal(0.5, adwin.BucketSumOfSquaredDeviations(1, 0));
        Assert.Equal(6, adwin.Width);
        Assert.Equal(21.0, adwin.Total);
        Assert.Equal(3.5, adwin.Estimation);
        Assert.Equal(17.5, adwin.SumOfSquaredDeviations, 12); // sum((x - 3.5)**2 for x in range(1, 7))
    }

    [Fact]
    public void Update_SevenValuesWithTwoBucketsPerRow_CascadesIntoRowTwo()
    {
        var adwin = new Adwin(clock: 1_000_000, maxBuckets: 2);
        for (int value = 1; value <= 7; value++)
        {
            adwin.Update(value);
        }

        // Row 0 overflows at 3, 5 and 7 values, sending {1,2}, {3,4}, {5,6} to row 1; the third of those overflows row 1
        // and {1,2}+{3,4} become one bucket of four values: total 10, squared deviations 0.5 + 0.5 + 2/2 · (1.5 - 3.5)² = 5.
        Assert.Equal(3, adwin.RowCount);
        Assert.Equal(1, adwin.BucketCount(0));
        Assert.Equal(7.0, adwin.BucketTotal(0, 0));
        Assert.Equal(1, adwin.BucketCount(1));
        Assert.Equal(11.0, adwin.BucketTotal(1, 0));
        Assert.Equal(0.5, adwin.BucketSumOfSquaredDeviations(1, 0));
        Assert.Equal(1, adwin.BucketCount(2));
        Assert.Equal(10.0, adwin.BucketTotal(2, 0));
        Assert.Equal(5.0, adwin.BucketSumOfSquaredDeviations(2, 0)); // sum((x - 2.5)**2 for x in range(1, 5))
    }

    [Fact]
    public void Update_ManyValuesWithoutCheck_KeepsExactWindowStatistics()
    {
        // River's test_sequence_exact_statistics: 200 values i % 7, never checked.
        var adwin = new Adwin(clock: 1_000_000);
        double[] values = [.. Enumerable.Range(0, 200).Select(static i => (double)(i % 7))];
        foreach (double value in values)
        {
            adwin.Update(value);
        }

        double mean = values.Average();
        double squaredDeviations = values.Sum(x => (x - mean) * (x - mean));
        Assert.Equal(200, adwin.Width);
        Assert.Equal(values.Sum(), adwin.Total, 9);
        Assert.Equal(mean, adwin.Estimation, 12);
        Assert.Equal(squaredDeviations, adwin.SumOfSquaredDeviations, 1e-9 * squaredDeviations);
        Assert.Equal(squaredDeviations / 200, adwin.Variance, 1e-9 * squaredDeviations);

        // Each row holds at most maxBuckets buckets, and the buckets account for every value.
        long covered = 0;
        for (int row = 0; row < adwin.RowCount; row++)
        {
            Assert.InRange(adwin.BucketCount(row), 0, adwin.MaxBuckets);
            covered += adwin.BucketCount(row) * (1L << row);
        }

        Assert.Equal(200, covered);
    }

    [Fact]
    public void Update_CutCondition_FollowsRiversBoundJustAboveAndJustBelowIt()
    {
        // Six zeros then five values h, one check at the 11th value (clock 11, grace period 10). With
        // minWindowLength 1 the only cut that can pass is the one between the zeros and the h's: n0 = 6, n1 = 5,
        // |mean0 - mean1| = h, window variance 30 h² / 121; River's bound is
        // sqrt(2 m v δ') + 2/3 δ' m with m = 1/6 + 1/5 and δ' = ln(2 ln 11 / δ), so the cut passes iff h > h*.
        const double delta = 0.9;
        double deltaPrime = Math.Log(2 * Math.Log(11) / delta);
        double m = (1.0 / 6) + (1.0 / 5);
        double threshold = 2.0 / 3.0 * deltaPrime * m / (1 - Math.Sqrt(2 * m * (30.0 / 121) * deltaPrime));
        Assert.Equal(0.911971271129316, threshold, 12); // (2/3*dp*m)/(1-math.sqrt(2*m*(30/121)*dp)), dp=math.log(2*math.log(11)/0.9), m=1/6+1/5

        Assert.False(DetectsOnTheEleventhValue(threshold * 0.99));
        Assert.True(DetectsOnTheEleventhValue(threshold * 1.01));

        static bool DetectsOnTheEleventhValue(double h)
        {
            var adwin = new Adwin(delta, clock: 11, minWindowLength: 1);
            for (int i = 0; i < 10; i++)
            {
                Assert.False(adwin.Update(i < 6 ? 0.0 : h));
            }

            return adwin.Update(h);
        }
    }

    [Fact]
    public void Update_CutTaken_DropsOldestBucketsUntilOnlyTheNewValuesRemain()
    {
        var adwin = new Adwin(0.9, clock: 11, minWindowLength: 1);
        for (int i = 0; i < 11; i++)
        {
            adwin.Update(i < 6 ? 0.0 : 2.0);
        }

        // River drops {0,0}, rescans, drops {0,0} and {0,0} in turn: what is left is the five 2s (width 5, total 10).
        Assert.True(adwin.DriftDetected);
        Assert.Equal(5, adwin.Width);
        Assert.Equal(10.0, adwin.Total);
        Assert.Equal(2.0, adwin.Estimation);
        Assert.Equal(1, adwin.RowCount);
    }

    [Fact]
    public void Update_RiversRegressionStream_DetectsAtTheIndexRiverAsserts()
    {
        // test_adwin_regression.py::test_basic_drift_at_expected_index asserts detected == [1023].
        Assert.Equal([1023], TestStreams.Detections(new Adwin(), TestStreams.Values(TestStreams.NumpySeed12345TwoThenEight)));
    }

    [Fact]
    public void Update_RiversFourSegmentStream_DetectsAtTheIndicesRiverAsserts()
    {
        // test_adwin_regression.py::test_multiple_drifts asserts detected == [1023, 2015, 3007].
        Assert.Equal([1023, 2015, 3007], TestStreams.Detections(new Adwin(), TestStreams.Values(TestStreams.Random42FourSegments)));
    }

    [Fact]
    public void Update_RiversDocstringStream_DetectsAtTheIndexRiverPrints()
    {
        // ADWIN's docstring prints "Change detected at index 1023, input value: 4".
        Assert.Equal([1023], TestStreams.Detections(new Adwin(), TestStreams.Values(TestStreams.Random12345TwoSegments)));
    }

    [Fact]
    public void Update_FormulaStreamMeanZeroThenOne_DetectsSoonAfterTheShiftAndShrinksTheWindow()
    {
        double[] values = TestStreams.MeanZeroThenOne();
        var adwin = new Adwin();
        var detections = new List<int>();
        long widthAtDetection = -1;
        double estimationAtDetection = double.NaN;
        for (int i = 0; i < values.Length; i++)
        {
            if (adwin.Update(values[i]))
            {
                detections.Add(i);
                widthAtDetection = adwin.Width;
                estimationAtDetection = adwin.Estimation;
            }
        }

        // A transcription of River's adwin.py/adwin_c.pyx (run on CPython) gives [1023], with the window cut from 1024
        // values to 192 whose total is 24.36.
        Assert.Equal([1023], detections);
        Assert.Equal(192, widthAtDetection);
        Assert.Equal(24.36 / 192, estimationAtDetection, 9);
    }

    [Fact]
    public void Update_AfterADetection_NextUpdateStartsAFreshWindow()
    {
        // River's test_reset_on_drift_detected.
        var adwin = new Adwin(clock: 1);
        for (int i = 0; i < 500; i++)
        {
            adwin.Update(0.0);
        }

        int updates = 0;
        while (!adwin.Update(100.0))
        {
            Assert.InRange(++updates, 1, 500);
        }

        Assert.InRange(adwin.Width, 1, 500 + updates);
        adwin.Update(50.0);

        Assert.Equal(1, adwin.Width);
        Assert.Equal(50.0, adwin.Estimation);
        Assert.False(adwin.DriftDetected);
        Assert.Equal(500 + updates + 2, adwin.Count);
        Assert.Equal(1, adwin.DetectionCount);
    }

    [Fact]
    public void Update_StationaryStreams_NeverDetect()
    {
        var constant = new Adwin();
        for (int i = 0; i < 5_000; i++)
        {
            Assert.False(constant.Update(1.0));
        }

        Assert.Equal(5_000, constant.Width);

        // A deterministic equidistributed stream on [0, 1): the transcription of River finds no change in it.
        var uniform = new Adwin();
        Assert.Empty(TestStreams.Detections(uniform, TestStreams.Uniform(20_000)));
        Assert.Equal(0, uniform.DetectionCount);
    }

    [Fact]
    public void Update_WithinTheGracePeriod_NeverChecks()
    {
        // River's test_grace_period.
        var adwin = new Adwin(gracePeriod: 100, clock: 1);
        for (int i = 0; i < 100; i++)
        {
            Assert.False(adwin.Update(i < 50 ? 0.0 : 1000.0));
        }
    }

    [Fact]
    public void Reset_AfterADetection_ForgetsEverything()
    {
        var adwin = new Adwin();
        double[] values = TestStreams.Values(TestStreams.NumpySeed12345TwoThenEight);
        foreach (double value in values)
        {
            adwin.Update(value);
        }

        adwin.Reset();

        Assert.Equal(0, adwin.Count);
        Assert.Equal(0, adwin.Width);
        Assert.Equal(0, adwin.DetectionCount);
        Assert.Equal(1, adwin.RowCount);
        Assert.False(adwin.DriftDetected);
        Assert.Equal([1023], TestStreams.Detections(adwin, values));
    }

    [Fact]
    public void Update_WarmDetector_AllocatesNothing()
    {
        var adwin = new Adwin();
        double[] values = TestStreams.Shifting(100_000);
        foreach (double value in values)
        {
            adwin.Update(value);
        }

        (long allocated, int detections) = TestStreams.MeasureUpdates(adwin, values);

        Assert.Equal(0, allocated);
        Assert.True(detections > 0, "the measured updates should include detections");
    }
}
