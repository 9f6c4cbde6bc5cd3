namespace Ml.Sdk.Monitoring.Live.Internal;

/// <summary>
/// The latest sampled rows of one model, column by column in ring buffers of a fixed capacity, with each row's
/// timestamp and version, so that a time window can evict by age and a count window by position. Not thread-safe:
/// the monitoring service guards it.
/// </summary>
internal sealed class SampleWindow
{
    private readonly float[][] _columns;
    private readonly long[] _ticks;
    private readonly string[] _versions;
    private int _head;
    private int _count;

    public SampleWindow(int columnCount, int capacity)
    {
        _columns = new float[columnCount][];
        for (int c = 0; c < columnCount; c++)
        {
            _columns[c] = new float[capacity];
        }

        _ticks = new long[capacity];
        _versions = new string[capacity];
    }

    public int Capacity => _ticks.Length;

    public int Count => _count;

    /// <summary>Adds a row (one value per column); when full, the oldest row is overwritten.</summary>
    public void Add(ReadOnlySpan<float> row, long ticks, string version)
    {
        int capacity = _ticks.Length;
        int index = (_head + _count) % capacity;
        for (int c = 0; c < _columns.Length; c++)
        {
            _columns[c][index] = row[c];
        }

        _ticks[index] = ticks;
        _versions[index] = version;
        if (_count < capacity)
        {
            _count++;
        }
        else
        {
            _head = (_head + 1) % capacity;
        }
    }

    /// <summary>Drops the rows older than <paramref name="oldestTicks"/> from the front.</summary>
    /// <remarks>Rows arrive in timestamp order from one publisher; an out-of-order older row behind a newer one waits until the rows in front of it go.</remarks>
    public int EvictOlderThan(long oldestTicks)
    {
        int evicted = 0;
        while (_count > 0 && _ticks[_head] < oldestTicks)
        {
            _versions[_head] = null!;
            _head = (_head + 1) % _ticks.Length;
            _count--;
            evicted++;
        }

        return evicted;
    }

    /// <summary>Copies the rows, oldest first, into one array per column; returns the row count.</summary>
    public int CopyTo(float[][] destination)
    {
        int capacity = _ticks.Length;
        int first = Math.Min(_count, capacity - _head);
        for (int c = 0; c < _columns.Length; c++)
        {
            _columns[c].AsSpan(_head, first).CopyTo(destination[c]);
            _columns[c].AsSpan(0, _count - first).CopyTo(destination[c].AsSpan(first));
        }

        return _count;
    }

    /// <summary>Returns the distinct versions in the window, comma-separated in order of first appearance, or <see langword="null"/> when empty.</summary>
    public string? DescribeVersions()
    {
        if (_count == 0)
        {
            return null;
        }

        var distinct = new List<string>();
        for (int i = 0; i < _count; i++)
        {
            string version = _versions[(_head + i) % _ticks.Length];
            if (!distinct.Contains(version))
            {
                distinct.Add(version);
            }
        }

        return string.Join(",", distinct);
    }

    /// <summary>Gets the value at row <paramref name="row"/> (0 = oldest) of column <paramref name="column"/>; for tests.</summary>
    public float Get(int column, int row) => _columns[column][(_head + row) % _ticks.Length];
}
