using Ml.Sdk.Monitoring.Statistics;
using Ml.Sdk.Monitoring.Streaming;
using Ml.Sdk.Monitoring.Streaming.Internal;

namespace Ml.Sdk.Monitoring.Tests.Streaming;

/// <summary>
/// <see cref="Kswin"/>'s shortcuts (the incrementally sorted window, the marked rather than sorted reference sample and
/// the per-lattice-point table of test results) against the direct computation: draw the sample, sort both samples and
/// run the exact <see cref="KolmogorovSmirnovTest"/> on every update. The cases cover both window layouts (bytes up to
/// 255 values, sorted slots beyond) and both of CPython's sampling methods, and the unseeded detector's own sampler.
/// </summary>
public sealed class KswinLatticeTests
{
    [Theory]
    [InlineData(0.005, 100, 30, 0)]
    [InlineData(0.0001, 100, 30, 42)]
    [InlineData(0.05, 50, 7, 3)]
    [InlineData(0.3, 20, 10, -1)]
    [InlineData(0.05, 60, 5, 9)] // 5 draws from 55 values: CPython's set method
    [InlineData(0.01, 255, 100, 4)] // the longest window of the byte layout
    [InlineData(0.005, 300, 30, 5)] // past the byte layout: the sorted layout, pool method
    [InlineData(0.01, 400, 30, 1)] // the sorted layout, set method (370 > 21 + 4 ** 4)
    [InlineData(0.005, 100, 30, null)] // unseeded: Ml.Sdk's sampler, continued after each detection
    [InlineData(0.05, 20, 10, null)]
    [InlineData(0.01, 200, 60, null)]
    [InlineData(0.005, 300, 30, null)]
    public void Update_ShiftingStreamWithTies_MatchesTheDirectTestAtEveryIndex(double alpha, int windowSize, int statSize, int? seed)
    {
        // A mean shift every 5,000 values; every third value rounded to an eighth so that the window holds ties.
        double[] values = TestStreams.Shifting(20_000);
        for (int i = 0; i < values.Length; i += 3)
        {
            values[i] = Math.Round(values[i] * 8) / 8;
        }

        var kswin = new Kswin(alpha, windowSize, statSize, seed);
        var direct = new DirectKswin(alpha, windowSize, statSize, seed);
        int detections = 0;
        for (int i = 0; i < values.Length; i++)
        {
            bool expected = direct.Update(values[i], out double statistic, out double pValue);
            bool actual = kswin.Update(values[i]);

            Assert.True(expected == actual, $"drift flag differs at index {i}");
            Assert.Equal(statistic, kswin.Statistic);
            Assert.Equal(pValue, kswin.PValue);
            detections += actual ? 1 : 0;
        }

        Assert.True(detections > 0, "the stream should include detections");
    }

    /// <summary>KSWIN computed the direct way, as <see cref="Kswin"/> did before its shortcuts.</summary>
    private sealed class DirectKswin(double alpha, int windowSize, int statSize, int? seed)
    {
        private readonly KswinSampler _random = CreateRandom(seed, windowSize - statSize);
        private readonly List<double> _window = [];
        private readonly int[] _drawn = new int[statSize];
        private bool _detected;
        private double _statistic;
        private double _pValue;

        public bool Update(double value, out double statistic, out double pValue)
        {
            if (_detected)
            {
                _window.Clear();
                _random.RestartAfterDetection();
                _statistic = 0.0;
                _pValue = 0.0;
            }

            _window.Add(value);
            if (_window.Count > windowSize)
            {
                _window.RemoveAt(0);
            }

            _detected = false;
            if (_window.Count == windowSize)
            {
                int older = windowSize - statSize;
                _random.Sample(older, _drawn);
                float[] reference = [.. _drawn.Select(index => (float)_window[index])];
                float[] recent = [.. _window.Skip(older).Select(x => (float)x)];
                Array.Sort(reference);
                Array.Sort(recent);
                StatisticalTestResult test = KolmogorovSmirnovTest.TwoSampleSorted(reference, recent, KolmogorovSmirnovMethod.Exact);
                _statistic = test.Statistic;
                _pValue = test.PValue;
                _detected = test.PValue <= alpha && test.Statistic > 0.1;
            }

            statistic = _statistic;
            pValue = _pValue;
            return _detected;
        }

        private static KswinSampler CreateRandom(int? seed, int population)
        {
            KswinSampler random = KswinSampler.Create(seed);
            random.EnsureSampleCapacity(population);
            return random;
        }
    }
}
