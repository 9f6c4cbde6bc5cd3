namespace Ml.Sdk.Monitoring.Live.Internal;

/// <summary>
/// One sampled inference, copied out of Serving's pooled tensors by the observer and handed to the background
/// service. Instances are pooled and their buffer only grows, so sampling allocates nothing in steady state.
/// </summary>
internal sealed class SampledInference
{
    private float[] _values = new float[64];

    public MonitoredModel Model { get; set; } = null!;

    /// <summary>Gets or sets the version that answered; a reference to Serving's string, never a copy.</summary>
    public string ModelVersion { get; set; } = string.Empty;

    public string? RequestId { get; set; }

    public long TimestampTicks { get; set; }

    public int Rows { get; set; }

    /// <summary>Gets or sets the performance-tracked score of the first row, or NaN when not tracked or unreadable.</summary>
    public double Prediction { get; set; }

    /// <summary>Gets the monitored values, row-major: <see cref="Rows"/> rows of the model's monitored column count.</summary>
    public float[] Values => _values;

    public void EnsureCapacity(int length)
    {
        if (_values.Length < length)
        {
            // Grows to the largest request seen, then stays: the steady state allocates nothing.
            _values = new float[Math.Max(length, _values.Length * 2)];
        }
    }

    public void Reset()
    {
        Model = null!;
        ModelVersion = string.Empty;
        RequestId = null;
        Rows = 0;
        Prediction = double.NaN;
    }
}
