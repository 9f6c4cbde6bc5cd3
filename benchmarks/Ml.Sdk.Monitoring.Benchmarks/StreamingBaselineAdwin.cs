namespace Ml.Sdk.Monitoring.Benchmarks;

/// <summary>
/// ADWIN written the obvious way, the baseline of <see cref="StreamingDetectorBenchmarks"/>: the whole window in a
/// <see cref="List{T}"/>, and on every check every split point tested with River's bound, dropping the oldest value
/// and rescanning while a split passes.
/// </summary>
internal sealed class StreamingBaselineAdwin
{
    private readonly List<double> _window = [];
    private readonly double _delta;
    private readonly int _clock;
    private readonly int _minWindowLength;
    private readonly int _gracePeriod;
    private long _tick;
    private bool _driftDetected;

    public StreamingBaselineAdwin(double delta = 0.002, int clock = 32, int minWindowLength = 5, int gracePeriod = 10)
    {
        _delta = delta;
        _clock = clock;
        _minWindowLength = minWindowLength;
        _gracePeriod = gracePeriod;
    }

    public bool Update(double value)
    {
        if (_driftDetected)
        {
            _window.Clear();
            _tick = 0;
        }

        _window.Add(value);
        _driftDetected = ++_tick % _clock == 0 && _window.Count > _gracePeriod && CheckCuts();
        return _driftDetected;
    }

    public void Reset()
    {
        _window.Clear();
        _tick = 0;
        _driftDetected = false;
    }

    private bool CheckCuts()
    {
        bool detected = false;
        bool rescan = true;
        while (rescan)
        {
            rescan = false;
            int width = _window.Count;
            double total = _window.Sum();
            double mean = total / width;
            double variance = _window.Sum(x => (x - mean) * (x - mean)) / width;
            double deltaPrime = Math.Log(2 * Math.Log(width) / _delta);
            double u0 = 0.0;
            for (int n0 = 1; n0 < width; n0++)
            {
                u0 += _window[n0 - 1];
                int n1 = width - n0;
                if (n0 < _minWindowLength || n1 < _minWindowLength)
                {
                    continue;
                }

                double m = (1.0 / (n0 - _minWindowLength + 1)) + (1.0 / (n1 - _minWindowLength + 1));
                double epsilon = Math.Sqrt(2 * m * variance * deltaPrime) + (2.0 / 3.0 * deltaPrime * m);
                if (Math.Abs((u0 / n0) - ((total - u0) / n1)) > epsilon)
                {
                    _window.RemoveAt(0);
                    detected = true;
                    rescan = true;
                    break;
                }
            }
        }

        return detected;
    }
}
