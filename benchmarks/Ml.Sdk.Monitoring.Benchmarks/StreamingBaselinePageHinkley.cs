namespace Ml.Sdk.Monitoring.Benchmarks;

/// <summary>
/// Page–Hinkley written the obvious way (River's structure), the baseline of <see cref="StreamingDetectorBenchmarks"/>:
/// a running-mean object, and the drift test chosen once as a delegate, as River binds <c>_test_drift</c>.
/// </summary>
internal sealed class StreamingBaselinePageHinkley
{
    private readonly int _minInstances;
    private readonly double _delta;
    private readonly double _threshold;
    private readonly double _alpha;
    private readonly Func<double, double, bool> _testDrift;
    private StreamingBaselineMean _mean = new();
    private double _sumIncrease;
    private double _sumDecrease;
    private double _minIncrease = double.PositiveInfinity;
    private double _maxDecrease = -1.0;
    private bool _driftDetected;

    public StreamingBaselinePageHinkley(int minInstances = 30, double delta = 0.005, double threshold = 50.0, double alpha = 1 - 0.0001)
    {
        _minInstances = minInstances;
        _delta = delta;
        _threshold = threshold;
        _alpha = alpha;
        _testDrift = (increase, decrease) => increase > _threshold || decrease > _threshold;
    }

    public bool Update(double value)
    {
        if (_driftDetected)
        {
            Reset();
        }

        _mean.Update(value);
        double deviation = value - _mean.Value;
        _sumIncrease = (_alpha * _sumIncrease) + deviation - _delta;
        _sumDecrease = (_alpha * _sumDecrease) + deviation + _delta;
        _minIncrease = Math.Min(_minIncrease, _sumIncrease);
        _maxDecrease = Math.Max(_maxDecrease, _sumDecrease);
        if (_mean.Count >= _minInstances)
        {
            _driftDetected = _testDrift(_sumIncrease - _minIncrease, _maxDecrease - _sumDecrease);
        }

        return _driftDetected;
    }

    public void Reset()
    {
        _mean = new StreamingBaselineMean();
        _sumIncrease = 0.0;
        _sumDecrease = 0.0;
        _minIncrease = double.PositiveInfinity;
        _maxDecrease = -1.0;
        _driftDetected = false;
    }
}
