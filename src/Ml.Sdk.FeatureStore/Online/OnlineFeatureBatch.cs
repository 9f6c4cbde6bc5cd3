using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Definitions;

namespace Ml.Sdk.FeatureStore.Online;

/// <summary>
/// A feature service's features for a list of entity keys, read at one time: a row per key and a column per feature in
/// the service's schema order, ready to become a model's input tensor.
/// </summary>
public sealed class OnlineFeatureBatch
{
    // Per column, the read and feature index of a stored feature, or no read and the index among the computed columns
    // of an on-demand feature, whose values are row-major in _computed.
    private readonly OnlineReadResult?[] _columnReads;
    private readonly int[] _columnFeatures;
    private readonly object?[]? _computed;
    private readonly int _computedWidth;

    internal OnlineFeatureBatch(
        RegisteredFeatureService service,
        IReadOnlyList<EntityKey> keys,
        DateTimeOffset readAt,
        OnlineReadResult?[] columnReads,
        int[] columnFeatures,
        object?[]? computed = null,
        int computedWidth = 0)
    {
        Service = service;
        Keys = keys;
        ReadAt = readAt;
        _columnReads = columnReads;
        _columnFeatures = columnFeatures;
        _computed = computed;
        _computedWidth = computedWidth;
    }

    /// <summary>Gets the service version whose features these are.</summary>
    public RegisteredFeatureService Service { get; }

    /// <summary>Gets the entity keys, one per row, in the order asked for.</summary>
    public IReadOnlyList<EntityKey> Keys { get; }

    /// <summary>Gets the time the values were read at, against which the views' TTLs were judged.</summary>
    public DateTimeOffset ReadAt { get; }

    /// <summary>Gets the number of rows: one per entity key.</summary>
    public int Rows => Keys.Count;

    /// <summary>Gets the columns: the service's features in schema order.</summary>
    public IReadOnlyList<ServiceFeature> Columns => Service.Features;

    /// <summary>Gets a value: null unless its status is <see cref="FeatureValueStatus.Present"/>.</summary>
    /// <param name="row">The row (the key's index).</param>
    /// <param name="column">The column (the feature's index in <see cref="Columns"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    public object? GetValue(int row, int column)
    {
        CheckColumn(column);
        return ValueAt(row, column);
    }

    /// <summary>
    /// Gets whether a value is present, missing or expired. An on-demand value is present when its transform set a value
    /// and missing when it set null.
    /// </summary>
    /// <param name="row">The row (the key's index).</param>
    /// <param name="column">The column (the feature's index in <see cref="Columns"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    public FeatureValueStatus GetStatus(int row, int column)
    {
        CheckColumn(column);
        return _columnReads[column] is { } read
            ? read.GetStatus(row, _columnFeatures[column])
            : ValueAt(row, column) is null ? FeatureValueStatus.Missing : FeatureValueStatus.Present;
    }

    /// <summary>
    /// Gets the event timestamp of the stored row a value comes from, or null when its view stores none for the key or
    /// the value is computed on demand.
    /// </summary>
    /// <param name="row">The row (the key's index).</param>
    /// <param name="column">The column (the feature's index in <see cref="Columns"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    public DateTimeOffset? GetEventTimestamp(int row, int column)
    {
        CheckColumn(column);
        if (_columnReads[column] is { } read)
        {
            return read.GetEventTimestamp(row);
        }

        CheckRow(row);
        return null;
    }

    /// <summary>
    /// Writes the values as floats, row-major in the service's schema order: integers, floats and bools (as 1 or 0)
    /// convert; missing and expired values become <paramref name="missingValue"/>.
    /// </summary>
    /// <param name="destination">At least <see cref="Rows"/> × <see cref="Columns"/> floats; the rest is left as it is.</param>
    /// <param name="missingValue">The value written for a missing or expired value; NaN by default.</param>
    /// <exception cref="ArgumentException">The destination is too short.</exception>
    /// <exception cref="InvalidOperationException">A column is a string feature, which has no float form; nothing is written.</exception>
    public void CopyTo(Span<float> destination, float missingValue = float.NaN)
    {
        int width = Columns.Count;
        for (int c = 0; c < width; c++)
        {
            if (Columns[c].Field.Type == FeatureValueType.String)
            {
                throw new InvalidOperationException(
                    $"The feature '{Columns[c].Reference}' of the feature service '{Service.Reference}' is a string, which cannot be copied as a float; leave it out of the service or read it with GetValue.");
            }
        }

        long needed = (long)Rows * width;
        if (destination.Length < needed)
        {
            throw new ArgumentException($"The destination holds {destination.Length} floats; {Rows} rows × {width} columns need {needed}.", nameof(destination));
        }

        for (int r = 0; r < Rows; r++)
        {
            Span<float> row = destination.Slice(r * width, width);
            for (int c = 0; c < width; c++)
            {
                row[c] = (_columnReads[c] is { } read ? read.GetValue(r, _columnFeatures[c]) : _computed![(r * _computedWidth) + _columnFeatures[c]]) switch
                {
                    null => missingValue,
                    float f => f,
                    double d => (float)d,
                    int i => i,
                    long l => l,
                    bool b => b ? 1f : 0f,
                    object other => throw new InvalidOperationException($"The feature '{Columns[c].Reference}' holds a {other.GetType()}, which has no float form."),
                };
            }
        }
    }

    private object? ValueAt(int row, int column)
    {
        if (_columnReads[column] is { } read)
        {
            return read.GetValue(row, _columnFeatures[column]);
        }

        CheckRow(row);
        return _computed![(row * _computedWidth) + _columnFeatures[column]];
    }

    private void CheckRow(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
    }

    private void CheckColumn(int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Columns.Count);
    }
}
