using Ml.Sdk.Monitoring.Streaming;

namespace Ml.Sdk.Monitoring.Tests.Streaming;

/// <summary><see cref="Ddm"/> against River's binary DDM: hand-computed statistics and River's printed indices.</summary>
public sealed class DdmTests
{
    [Fact]
    public void Constructor_NoArguments_HasRiversDefaults()
    {
        var ddm = new Ddm();

        Assert.Equal(30, ddm.WarmStart);
        Assert.Equal(2.0, ddm.WarningThreshold);
        Assert.Equal(3.0, ddm.DriftThreshold);
        Assert.Equal(0, ddm.Count);
        Assert.Equal(double.PositiveInfinity, ddm.MinErrorRate);
        Assert.Equal(double.PositiveInfinity, ddm.MinStandardDeviation);
    }

    [Theory]
    [InlineData(-1, 2.0, 3.0, "warmStart")]
    [InlineData(30, 0.0, 3.0, "warningThreshold")]
    [InlineData(30, double.NaN, 3.0, "warningThreshold")]
    [InlineData(30, 2.0, -3.0, "driftThreshold")]
    [InlineData(30, 2.0, double.PositiveInfinity, "driftThreshold")]
    public void Constructor_ParameterOutOfRange_ThrowsNamingIt(int warmStart, double warningThreshold, double driftThreshold, string name)
    {
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => new Ddm(warmStart, warningThreshold, driftThreshold));
        Assert.Equal(name, error.ParamName);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(2.0)]
    [InlineData(-1.0)]
    [InlineData(double.PositiveInfinity)]
    public void Update_NeitherZeroNorOne_ThrowsOutOfRange(double value)
    {
        var ddm = new Ddm();

        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => ddm.Update(value));
        Assert.Equal("value", error.ParamName);
        Assert.Equal(0, ddm.Count);
    }

    [Fact]
    public void Update_NaN_ThrowsArgumentException()
    {
        var ddm = new Ddm();

        ArgumentException error = Assert.Throws<ArgumentException>(() => ddm.Update(double.NaN));
        Assert.IsNotType<ArgumentOutOfRangeException>(error);
    }

    [Fact]
    public void Update_ShortErrorStream_StatisticsWarningAndDriftAreTheHandComputedOnes()
    {
        var ddm = new Ddm(warmStart: 2);
        double[] outcomes = [0, 1, 0, 0, 0, 0, 1, 1, 1, 1];

        // p and s = sqrt(p (1 - p) / n) after each outcome; p + s falls to its minimum at the sixth (p = 1/6), so
        // p_min = 1/6 and s_min = sqrt(5/216) = 0.15214515486254615; the warning line is p_min + 2 s_min = 0.47096,
        // the drift line p_min + 3 s_min = 0.62310.
        double[] expectedP = [0, 1.0 / 2, 1.0 / 3, 1.0 / 4, 1.0 / 5, 1.0 / 6, 2.0 / 7, 3.0 / 8, 4.0 / 9, 5.0 / 10];
        bool[] expectedWarning = [false, false, false, false, false, false, false, true, true, false];
        bool[] expectedDrift = [false, false, false, false, false, false, false, false, false, true];
        for (int i = 0; i < outcomes.Length; i++)
        {
            Assert.Equal(expectedDrift[i], ddm.Update(outcomes[i]));
            Assert.Equal(expectedP[i], ddm.ErrorRate, 12);
            Assert.Equal(Math.Sqrt(expectedP[i] * (1 - expectedP[i]) / (i + 1)), ddm.StandardDeviation, 12);
            Assert.Equal(expectedWarning[i], ddm.WarningDetected);
        }

        Assert.Equal(1.0 / 6, ddm.MinErrorRate, 12);
        Assert.Equal(0.15214515486254615, ddm.MinStandardDeviation, 12); // math.sqrt((1/6)*(5/6)/6)

        // The drift's p + s = 0.5 + sqrt(0.025) = 0.65811 is past the drift line; at the warnings (0.54616 and
        // 0.61008) it was between the two lines, at the seventh (0.45646) below both.
        Assert.True(0.5 + Math.Sqrt(0.025) > ddm.MinErrorRate + (3 * ddm.MinStandardDeviation));
    }

    [Fact]
    public void Update_WithinTheWarmStart_RecordsNoMinimum()
    {
        var ddm = new Ddm(warmStart: 5);
        for (int i = 0; i < 5; i++)
        {
            ddm.Update(1.0);
        }

        Assert.Equal(double.PositiveInfinity, ddm.MinErrorRate);
        ddm.Update(1.0);
        Assert.Equal(1.0, ddm.MinErrorRate);
        Assert.Equal(0.0, ddm.MinStandardDeviation);
    }

    [Fact]
    public void Update_RiversDocstringStream_WarnsAndDetectsAtTheIndicesRiverPrints()
    {
        // DDM's docstring prints the first warning after the start or a drift, and each drift:
        // "Warning detected at index 1084", "Change detected at index 1334", "Warning detected at index 1492".
        var ddm = new Ddm();
        double[] values = TestStreams.Values(TestStreams.Random42ErrorRateRises);
        var printed = new List<string>();
        bool printWarning = true;
        for (int i = 0; i < values.Length; i++)
        {
            ddm.Update(values[i]);
            if (ddm.WarningDetected && printWarning)
            {
                printed.Add($"warning {i}");
                printWarning = false;
            }

            if (ddm.DriftDetected)
            {
                printed.Add($"drift {i}");
                printWarning = true;
            }
        }

        Assert.Equal(["warning 1084", "drift 1334", "warning 1492"], printed);
    }

    [Fact]
    public void Update_Booleans_SameAsZerosAndOnes()
    {
        double[] values = TestStreams.Values(TestStreams.Random42ErrorRateRises);
        var fromDoubles = new Ddm();
        var fromBooleans = new Ddm();
        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(fromDoubles.Update(values[i]), fromBooleans.Update(values[i] == 1.0));
            Assert.Equal(fromDoubles.WarningDetected, fromBooleans.WarningDetected);
        }

        Assert.Equal(fromDoubles.ErrorRate, fromBooleans.ErrorRate);
    }

    [Fact]
    public void Update_AfterADetection_NextUpdateStartsFromNothing()
    {
        var ddm = new Ddm(warmStart: 2);
        foreach (double outcome in (double[])[0, 1, 0, 0, 0, 0, 1, 1, 1, 1])
        {
            ddm.Update(outcome);
        }

        Assert.True(ddm.DriftDetected);
        Assert.False(ddm.Update(1.0));

        Assert.Equal(1.0, ddm.ErrorRate);
        Assert.Equal(double.PositiveInfinity, ddm.MinErrorRate);
        Assert.False(ddm.WarningDetected);
        Assert.Equal(11, ddm.Count);
    }

    [Fact]
    public void Reset_AfterUpdates_ForgetsEverything()
    {
        var ddm = new Ddm();
        double[] values = TestStreams.Values(TestStreams.Random42ErrorRateRises);
        List<int> first = TestStreams.Detections(ddm, values);

        ddm.Reset();

        Assert.Equal(0, ddm.Count);
        Assert.False(ddm.DriftDetected);
        Assert.False(ddm.WarningDetected);
        Assert.Equal(0.0, ddm.ErrorRate);
        Assert.Equal(first, TestStreams.Detections(ddm, values));
        Assert.Equal(1334, first[0]);
    }

    [Fact]
    public void Update_WarmDetector_AllocatesNothing()
    {
        var ddm = new Ddm();
        double[] values = TestStreams.ShiftingErrors(100_000);
        TestStreams.Detections(ddm, values);

        (long allocated, int detections) = TestStreams.MeasureUpdates(ddm, values);

        Assert.Equal(0, allocated);
        Assert.True(detections > 0, "the measured updates should include detections");
    }
}
