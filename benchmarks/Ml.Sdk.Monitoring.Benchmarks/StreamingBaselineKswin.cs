using Ml.Sdk.Monitoring.Statistics;

namespace Ml.Sdk.Monitoring.Benchmarks;

/// <summary>
/// KSWIN written the obvious way (River's structure), the baseline of <see cref="StreamingDetectorBenchmarks"/>: a
/// queue for the window, a LINQ shuffle for the reference sample, fresh arrays for both samples on every update, and
/// the unsorted-input Kolmogorov–Smirnov test.
/// </summary>
internal sealed class StreamingBaselineKswin
{
    private readonly double _alpha;
    private readonly int _windowSize;
    private readonly int _statSize;
    private readonly int _seed;
    private Queue<double> _window = new();
    private Random _random;
    private bool _driftDetected;

    public StreamingBaselineKswin(double alpha = 0.005, int windowSize = 100, int statSize = 30, int seed = 0)
    {
        _alpha = alpha;
        _windowSize = windowSize;
        _statSize = statSize;
        _seed = seed;
        _random = new Random(seed);
    }

    public bool Update(double value)
    {
        if (_driftDetected)
        {
            Reset();
        }

        _window.Enqueue(value);
        if (_window.Count > _windowSize)
        {
            _window.Dequeue();
        }

        _driftDetected = false;
        if (_window.Count >= _windowSize)
        {
            double[] window = [.. _window];
            float[] reference = [.. Enumerable.Range(0, _windowSize - _statSize).OrderBy(_ => _random.Next()).Take(_statSize).Select(i => (float)window[i])];
            float[] recent = [.. window.Skip(_windowSize - _statSize).Select(x => (float)x)];
            StatisticalTestResult test = KolmogorovSmirnovTest.TwoSample(reference, recent, KolmogorovSmirnovMethod.Exact);
            _driftDetected = test.PValue <= _alpha && test.Statistic > 0.1;
        }

        return _driftDetected;
    }

    public void Reset()
    {
        _window = new Queue<double>();
        _random = new Random(_seed);
        _driftDetected = false;
    }
}
