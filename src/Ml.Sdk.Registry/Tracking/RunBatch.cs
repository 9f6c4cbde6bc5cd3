namespace Ml.Sdk.Registry.Tracking;

/// <summary>
/// Params, tags and metric points to write to one run in one transaction: either all of them are stored or, on any
/// bad item, none.
/// </summary>
public sealed class RunBatch
{
    /// <summary>Gets the params to log (immutable: logging an existing key again needs the same value).</summary>
    public IDictionary<string, string> Params { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets the tags to set (a tag may be overwritten).</summary>
    public IDictionary<string, string> Tags { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets the metric points to append. A point with a default timestamp gets the current time.</summary>
    public IList<MetricPoint> Metrics { get; } = new List<MetricPoint>();

    /// <summary>Gets whether the batch holds nothing.</summary>
    public bool IsEmpty => Params.Count == 0 && Tags.Count == 0 && Metrics.Count == 0;
}
