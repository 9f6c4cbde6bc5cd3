namespace Ml.Sdk.FeatureStore.Online;

/// <summary>
/// One write to an online store: an entity's join key values, the event timestamp at which the values became true, and
/// the values of the view's features.
/// </summary>
public sealed class OnlineFeatureRow
{
    private readonly object?[] _joinKeys;
    private readonly object?[] _values;

    /// <summary>Creates a row.</summary>
    /// <param name="joinKeys">The join key values, in the order of the view's join keys; the store rejects nulls.</param>
    /// <param name="eventTimestamp">When the values became true.</param>
    /// <param name="values">
    /// The feature values in the order of the view's features, each of its feature's .NET type (see
    /// <see cref="Definitions.FeatureValueType"/>), or null for a missing value.
    /// </param>
    public OnlineFeatureRow(IReadOnlyList<object?> joinKeys, DateTimeOffset eventTimestamp, IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(joinKeys);
        ArgumentNullException.ThrowIfNull(values);
        _joinKeys = [.. joinKeys];
        _values = [.. values];
        EventTimestamp = eventTimestamp;
    }

    /// <summary>Creates a row for an entity key.</summary>
    /// <param name="key">The entity's key.</param>
    /// <param name="eventTimestamp">When the values became true.</param>
    /// <param name="values">The feature values in the order of the view's features; null for a missing value.</param>
    public OnlineFeatureRow(EntityKey key, DateTimeOffset eventTimestamp, params object?[] values)
        : this((key ?? throw new ArgumentNullException(nameof(key))).Values, eventTimestamp, values)
    {
    }

    /// <summary>Gets the join key values, in the order of the view's join keys.</summary>
    public IReadOnlyList<object?> JoinKeys => _joinKeys;

    /// <summary>Gets when the values became true.</summary>
    public DateTimeOffset EventTimestamp { get; }

    /// <summary>Gets the feature values, in the order of the view's features; null for a missing value.</summary>
    public IReadOnlyList<object?> Values => _values;
}
