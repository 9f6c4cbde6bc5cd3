using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Definitions;

namespace Ml.Sdk.FeatureStore.Online;

/// <summary>
/// The features of one view for a list of entity keys, as read from an online store at one time: per key and feature a
/// value and a status, and per key the event timestamp of the stored row.
/// </summary>
public sealed class OnlineReadResult
{
    private readonly object?[] _values;
    private readonly FeatureValueStatus[] _statuses;
    private readonly DateTimeOffset?[] _eventTimestamps;

    internal OnlineReadResult(
        RegisteredFeatureView view,
        IReadOnlyList<EntityKey> keys,
        object?[] values,
        FeatureValueStatus[] statuses,
        DateTimeOffset?[] eventTimestamps)
    {
        View = view;
        Keys = keys;
        _values = values;
        _statuses = statuses;
        _eventTimestamps = eventTimestamps;
    }

    /// <summary>Gets the view version the read decoded the stored rows with.</summary>
    public RegisteredFeatureView View { get; }

    /// <summary>Gets the keys, in the order they were asked for.</summary>
    public IReadOnlyList<EntityKey> Keys { get; }

    /// <summary>Gets the view's features, in the order of the feature indexes.</summary>
    public IReadOnlyList<Field> Features => View.View.Features;

    /// <summary>Gets a feature's value for a key: null unless the status is <see cref="FeatureValueStatus.Present"/>.</summary>
    /// <param name="key">The key's index in <see cref="Keys"/>.</param>
    /// <param name="feature">The feature's index in <see cref="Features"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    public object? GetValue(int key, int feature) => _values[IndexOf(key, feature)];

    /// <summary>Gets whether a feature's value for a key is present, missing or expired.</summary>
    /// <param name="key">The key's index in <see cref="Keys"/>.</param>
    /// <param name="feature">The feature's index in <see cref="Features"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    public FeatureValueStatus GetStatus(int key, int feature) => _statuses[IndexOf(key, feature)];

    /// <summary>
    /// Gets the event timestamp of the row stored for a key (every feature of the row shares it), or null when none is
    /// stored.
    /// </summary>
    /// <param name="key">The key's index in <see cref="Keys"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The index is out of range.</exception>
    public DateTimeOffset? GetEventTimestamp(int key)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(key);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(key, Keys.Count);
        return _eventTimestamps[key];
    }

    private int IndexOf(int key, int feature)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(key);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(key, Keys.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(feature);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(feature, Features.Count);
        return (key * Features.Count) + feature;
    }
}
