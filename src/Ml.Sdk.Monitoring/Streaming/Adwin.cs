namespace Ml.Sdk.Monitoring.Streaming;

/// <summary>
/// ADWIN (adaptive windowing, Bifet and Gavaldà 2007): keeps a window of recent values summarized as an exponential
/// histogram of buckets and drops its oldest part when the means of an older and a newer sub-window differ by more
/// than a Hoeffding-style bound. Same detections as River's <c>river.drift.ADWIN</c> on the same stream.
/// </summary>
/// <remarks>
/// <para>
/// Semantics follow River's current <c>adwin.py</c>/<c>adwin_c.pyx</c>: row <c>i</c> of the histogram holds buckets
/// of <c>2^i</c> values, at most <c>maxBuckets</c> of them (one more triggers a merge of the two oldest into the next
/// row); the cut check runs on every <c>clock</c>-th update once the window holds more than <c>gracePeriod</c>
/// values, scans every bucket boundary from the oldest, and on a cut drops the oldest bucket and rescans; a cut is
/// taken when <c>|mean0 - mean1| &gt; sqrt(2 m v δ') + 2/3 δ' m</c>, where <c>δ' = ln(2 ln(width) / delta)</c>,
/// <c>m = 1/(n0 - minWindowLength + 1) + 1/(n1 - minWindowLength + 1)</c> and <c>v</c> is the window's variance.
/// As in River, the update after a detection starts again from an empty window.
/// <see cref="Count"/> and <see cref="DetectionCount"/> keep counting across that restart; only <see cref="Reset"/> clears them.
/// </para>
/// <para>An update costs amortized O(1), and O(maxBuckets · log width) on a check; it allocates nothing once the
/// histogram has grown its rows. Not thread-safe.</para>
/// </remarks>
public sealed class Adwin : IStreamingDriftDetector
{
    private const int InitialRowCapacity = 32;

    private readonly int _stride;

    // Row r's buckets are _totals[r * _stride + i] and _variances[r * _stride + i] for i < _rowCounts[r], the oldest
    // first; the slots past the count are kept at zero as River keeps them.
    private double[] _totals;
    private double[] _variances;
    private int[] _rowCounts;
    private int _rows;

    private double _width;
    private double _total;
    private double _variance;

    // River checks when its tick counter is a multiple of clock; counting down gives the same updates without a division.
    private int _untilCheck;

    /// <summary>Creates a detector with River's defaults unless told otherwise.</summary>
    /// <param name="delta">The significance value δ of the cut test, in (0, 1).</param>
    /// <param name="clock">How many updates pass between two cut checks, at least 1.</param>
    /// <param name="maxBuckets">How many buckets of one size are kept before the two oldest merge, at least 1.</param>
    /// <param name="minWindowLength">The fewest values either sub-window of a cut may hold, at least 1.</param>
    /// <param name="gracePeriod">No cut is checked until the window holds more than this many values; at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    public Adwin(double delta = 0.002, int clock = 32, int maxBuckets = 5, int minWindowLength = 5, int gracePeriod = 10)
    {
        if (!(delta > 0.0 && delta < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "delta must be in (0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(clock, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBuckets, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxBuckets, 1 << 20);
        ArgumentOutOfRangeException.ThrowIfLessThan(minWindowLength, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(gracePeriod);

        Delta = delta;
        Clock = clock;
        MaxBuckets = maxBuckets;
        MinWindowLength = minWindowLength;
        GracePeriod = gracePeriod;
        _stride = maxBuckets + 1;
        _totals = new double[InitialRowCapacity * _stride];
        _variances = new double[InitialRowCapacity * _stride];
        _rowCounts = new int[InitialRowCapacity];
        _rows = 1;
        _untilCheck = clock;
    }

    /// <summary>Gets the significance value δ of the cut test.</summary>
    public double Delta { get; }

    /// <summary>Gets how many updates pass between two cut checks.</summary>
    public int Clock { get; }

    /// <summary>Gets how many buckets of one size are kept before the two oldest merge.</summary>
    public int MaxBuckets { get; }

    /// <summary>Gets the fewest values either sub-window of a cut may hold.</summary>
    public int MinWindowLength { get; }

    /// <summary>Gets how many values the window must exceed before cuts are checked.</summary>
    public int GracePeriod { get; }

    /// <inheritdoc/>
    public long Count { get; private set; }

    /// <inheritdoc/>
    public bool DriftDetected { get; private set; }

    /// <summary>Gets how many drifts were detected since the detector was created or last reset.</summary>
    public long DetectionCount { get; private set; }

    /// <summary>Gets how many values the window holds (River's <c>width</c>).</summary>
    public long Width => (long)_width;

    /// <summary>Gets the sum of the values in the window (River's <c>total</c>).</summary>
    public double Total => _total;

    /// <summary>Gets the mean of the window, 0 when it is empty (River's <c>estimation</c>).</summary>
    public double Estimation => _width == 0.0 ? 0.0 : _total / _width;

    /// <summary>
    /// Gets the sum of squared deviations from the window's mean (what River's <c>variance</c> property returns).
    /// </summary>
    public double SumOfSquaredDeviations => _variance;

    /// <summary>
    /// Gets the population variance of the window, <see cref="SumOfSquaredDeviations"/> over <see cref="Width"/>
    /// (River's <c>variance_in_window</c>, the value the cut test uses); 0 when the window is empty.
    /// </summary>
    public double Variance => _width == 0.0 ? 0.0 : _variance / _width;

    /// <summary>Gets how many rows of buckets the histogram has (row <c>r</c> holds buckets of <c>2^r</c> values).</summary>
    public int RowCount => _rows;

    /// <summary>Gets how many buckets row <paramref name="row"/> holds.</summary>
    /// <param name="row">The row, from 0 (buckets of one value) to <see cref="RowCount"/> - 1.</param>
    /// <returns>The number of buckets, at most <see cref="MaxBuckets"/> between updates.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is not a row.</exception>
    public int BucketCount(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, _rows);
        return _rowCounts[row];
    }

    /// <summary>Gets the sum of the values in one bucket.</summary>
    /// <param name="row">The bucket's row.</param>
    /// <param name="index">The bucket's place in its row, 0 for the oldest.</param>
    /// <returns>The bucket's total.</returns>
    /// <exception cref="ArgumentOutOfRangeException">There is no such bucket.</exception>
    public double BucketTotal(int row, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, BucketCount(row));
        return _totals[(row * _stride) + index];
    }

    /// <summary>Gets the sum of squared deviations from their mean of the values in one bucket.</summary>
    /// <param name="row">The bucket's row.</param>
    /// <param name="index">The bucket's place in its row, 0 for the oldest.</param>
    /// <returns>The bucket's sum of squared deviations.</returns>
    /// <exception cref="ArgumentOutOfRangeException">There is no such bucket.</exception>
    public double BucketSumOfSquaredDeviations(int row, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, BucketCount(row));
        return _variances[(row * _stride) + index];
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN or infinite.</exception>
    public bool Update(double value)
    {
        if (!double.IsFinite(value))
        {
            ThrowNotFinite(value);
        }

        if (DriftDetected)
        {
            // River replaces its AdaptiveWindowing after a detection: the next value opens a new window.
            ClearWindow();
        }

        Count++;
        Insert(value);
        bool detected = false;
        if (--_untilCheck == 0)
        {
            _untilCheck = Clock;
            detected = _width > GracePeriod && CheckCuts();
        }

        if (detected)
        {
            DetectionCount++;
        }

        DriftDetected = detected;
        return detected;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        ClearWindow();
        Count = 0;
        DetectionCount = 0;
        DriftDetected = false;
    }

    private static double BucketSize(int row) => Math.ScaleB(1.0, row);

    private void ClearWindow()
    {
        Array.Clear(_totals);
        Array.Clear(_variances);
        Array.Clear(_rowCounts);
        _rows = 1;
        _width = 0.0;
        _total = 0.0;
        _variance = 0.0;
        _untilCheck = Clock;
    }

    private void Insert(double value)
    {
        int count = _rowCounts[0];
        _totals[count] = value;
        _variances[count] = 0.0;
        _rowCounts[0] = count + 1;

        _width += 1.0;
        if (_width > 1.0)
        {
            // River's expression, term for term, so that the sums round as River's do.
            double previous = _width - 1.0;
            _variance += previous * (value - (_total / previous)) * (value - (_total / previous)) / _width;
        }

        _total += value;
        if (count + 1 > MaxBuckets)
        {
            Merge();
        }
    }

    // Row r overflowed: its two oldest buckets become the newest bucket of row r + 1, which may overflow in turn.
    private void Merge()
    {
        int row = 0;
        while (_rowCounts[row] == MaxBuckets + 1)
        {
            if (row + 1 == _rows)
            {
                AddRow();
            }

            int at = row * _stride;
            double size = BucketSize(row);
            double mean1 = _totals[at] / size;
            double mean2 = _totals[at + 1] / size;
            double total12 = _totals[at] + _totals[at + 1];
            double variance12 = _variances[at] + _variances[at + 1] + (size * 0.5 * (mean1 - mean2) * (mean1 - mean2));

            int next = (row + 1) * _stride;
            int nextCount = _rowCounts[row + 1];
            _totals[next + nextCount] = total12;
            _variances[next + nextCount] = variance12;
            _rowCounts[row + 1] = nextCount + 1;
            RemoveOldest(row, 2);

            if (nextCount + 1 <= MaxBuckets)
            {
                return;
            }

            row++;
        }
    }

    private void AddRow()
    {
        if (_rows == _rowCounts.Length)
        {
            // Rows double the window each, so this runs a handful of times in a detector's life.
            Array.Resize(ref _rowCounts, _rowCounts.Length * 2);
            Array.Resize(ref _totals, _rowCounts.Length * _stride);
            Array.Resize(ref _variances, _rowCounts.Length * _stride);
        }

        _rows++;
    }

    private void RemoveOldest(int row, int how)
    {
        int at = row * _stride;
        int count = _rowCounts[row];
        int remaining = count - how;
        for (int i = 0; i < remaining; i++)
        {
            _totals[at + i] = _totals[at + i + how];
            _variances[at + i] = _variances[at + i + how];
        }

        for (int i = Math.Max(remaining, 0); i < count; i++)
        {
            _totals[at + i] = 0.0;
            _variances[at + i] = 0.0;
        }

        _rowCounts[row] = remaining;
    }

    // River's _detect_change: scan the cuts from the oldest bucket; on a cut drop the oldest bucket and scan again.
    private bool CheckCuts()
    {
        bool detected = false;
        bool rescan = true;
        while (rescan)
        {
            rescan = false;
            double n0 = 0.0;
            double n1 = _width;
            double u0 = 0.0;
            double u1 = _total;

            // The bound's ln term only changes with the width, which only changes when a bucket is dropped and the
            // scan restarts; computing it once per scan gives the bits River computes per cut.
            double deltaPrime = Math.Log(2.0 * Math.Log(_width) / Delta);
            double windowVariance = _variance / _width;

            for (int row = _rows - 1; row >= 0 && !rescan; row--)
            {
                double size = BucketSize(row);
                int at = row * _stride;
                int count = _rowCounts[row];
                for (int k = 0; k < count; k++)
                {
                    double bucketTotal = _totals[at + k];
                    n0 += size;
                    n1 -= size;
                    u0 += bucketTotal;
                    u1 -= bucketTotal;
                    if (row == 0 && k == count - 1)
                    {
                        break;
                    }

                    if (n1 >= MinWindowLength && n0 >= MinWindowLength
                        && IsCut(n0, n1, (u0 / n0) - (u1 / n1), deltaPrime, windowVariance))
                    {
                        detected = true;
                        rescan = true;
                        if (_width > 0.0)
                        {
                            DropOldestBucket();
                        }

                        break;
                    }
                }
            }
        }

        return detected;
    }

    private bool IsCut(double n0, double n1, double deltaMean, double deltaPrime, double windowVariance)
    {
        double mRecip = (1.0 / (n0 - MinWindowLength + 1)) + (1.0 / (n1 - MinWindowLength + 1));
        double epsilon = Math.Sqrt(2 * mRecip * windowVariance * deltaPrime) + (2.0 / 3.0 * deltaPrime * mRecip);
        return Math.Abs(deltaMean) > epsilon;
    }

    private void DropOldestBucket()
    {
        int row = _rows - 1;
        double size = BucketSize(row);
        int at = row * _stride;
        double bucketTotal = _totals[at];
        double bucketMean = bucketTotal / size;
        double bucketVariance = _variances[at];

        _width -= size;
        _total -= bucketTotal;
        double windowMean = _total / _width;
        _variance -= bucketVariance + (size * _width * (bucketMean - windowMean) * (bucketMean - windowMean) / (size + _width));

        RemoveOldest(row, 1);

        // River pops only the emptied row; with maxBuckets = 1 the row before it can be empty too, and River would
        // then drop a bucket that is not there. Popping every empty trailing row keeps the window consistent.
        while (_rows > 1 && _rowCounts[_rows - 1] == 0)
        {
            _rows--;
        }
    }

    private static void ThrowNotFinite(double value) =>
        throw new ArgumentException($"A streaming detector accepts finite values only, not {value}.", nameof(value));
}
