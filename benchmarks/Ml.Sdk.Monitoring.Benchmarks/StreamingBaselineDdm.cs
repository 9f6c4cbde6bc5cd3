namespace Ml.Sdk.Monitoring.Benchmarks;

/// <summary>
/// DDM written the obvious way (River's structure), the baseline of <see cref="StreamingDetectorBenchmarks"/>: a
/// running-mean object replaced on every restart.
/// </summary>
internal sealed class StreamingBaselineDdm
{
    private readonly int _warmStart;
    private readonly double _warningThreshold;
    private readonly double _driftThreshold;
    private StreamingBaselineMean _errorRate = new();
    private double _minErrorRate = double.PositiveInfinity;
    private double _minDeviation = double.PositiveInfinity;
    private double _minSum = double.PositiveInfinity;
    private bool _driftDetected;

    public StreamingBaselineDdm(int warmStart = 30, double warningThreshold = 2.0, double driftThreshold = 3.0)
    {
        _warmStart = warmStart;
        _warningThreshold = warningThreshold;
        _driftThreshold = driftThreshold;
    }

    public bool WarningDetected { get; private set; }

    public bool Update(double value)
    {
        if (_driftDetected)
        {
            Reset();
        }

        _errorRate.Update(value);
        double p = _errorRate.Value;
        double n = _errorRate.Count;
        double s = Math.Sqrt(p * (1 - p) / n);
        if (n > _warmStart)
        {
            if (p + s <= _minSum)
            {
                _minErrorRate = p;
                _minDeviation = s;
                _minSum = p + s;
            }

            WarningDetected = p + s > _minErrorRate + (_warningThreshold * _minDeviation);
            if (p + s > _minErrorRate + (_driftThreshold * _minDeviation))
            {
                _driftDetected = true;
                WarningDetected = false;
            }
        }

        return _driftDetected;
    }

    public void Reset()
    {
        _errorRate = new StreamingBaselineMean();
        _minErrorRate = double.PositiveInfinity;
        _minDeviation = double.PositiveInfinity;
        _minSum = double.PositiveInfinity;
        _driftDetected = false;
        WarningDetected = false;
    }
}
