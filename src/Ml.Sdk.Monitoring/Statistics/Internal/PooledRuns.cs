namespace Ml.Sdk.Monitoring.Statistics.Internal;

/// <summary>
/// Walks two ascending samples in one merge pass, one distinct pooled value at a time, reporting how many copies of
/// that value each sample holds: everything a midrank-based statistic needs, without a pooled array.
/// </summary>
internal ref struct PooledRuns
{
    private readonly ReadOnlySpan<float> _first;
    private readonly ReadOnlySpan<float> _second;
    private int _i;
    private int _j;

    public PooledRuns(ReadOnlySpan<float> sortedFirst, ReadOnlySpan<float> sortedSecond)
    {
        _first = sortedFirst;
        _second = sortedSecond;
    }

    /// <summary>Gets how many values of the first sample precede the current run.</summary>
    public int FirstBefore { get; private set; }

    /// <summary>Gets how many values of the second sample precede the current run.</summary>
    public int SecondBefore { get; private set; }

    /// <summary>Gets the copies of the current value in the first sample.</summary>
    public int FirstCount { get; private set; }

    /// <summary>Gets the copies of the current value in the second sample.</summary>
    public int SecondCount { get; private set; }

    /// <summary>Advances to the next distinct pooled value.</summary>
    public bool MoveNext()
    {
        FirstBefore = _i;
        SecondBefore = _j;
        float value;
        if (_i < _first.Length)
        {
            value = _j < _second.Length ? Math.Min(_first[_i], _second[_j]) : _first[_i];
        }
        else if (_j < _second.Length)
        {
            value = _second[_j];
        }
        else
        {
            return false;
        }

        while (_i < _first.Length && _first[_i] == value)
        {
            _i++;
        }

        while (_j < _second.Length && _second[_j] == value)
        {
            _j++;
        }

        FirstCount = _i - FirstBefore;
        SecondCount = _j - SecondBefore;
        return true;
    }
}
