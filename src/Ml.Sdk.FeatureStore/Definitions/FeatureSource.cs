namespace Ml.Sdk.FeatureStore.Definitions;

/// <summary>
/// Where a feature view's rows come from, and which of their columns hold the event and creation timestamps.
/// </summary>
public sealed record FeatureSource
{
    /// <summary>The default name of the event timestamp column, as in Feast.</summary>
    public const string DefaultEventTimestampColumn = "event_timestamp";

    /// <summary>The default name of the creation timestamp column.</summary>
    public const string DefaultCreatedTimestampColumn = "created";

    private FeatureSource(FeatureSourceKind kind, string? path)
    {
        Kind = kind;
        Path = path;
    }

    /// <summary>Gets where the rows come from.</summary>
    public FeatureSourceKind Kind { get; }

    /// <summary>Gets the file path or glob of a file source; null for an ingested one.</summary>
    public string? Path { get; }

    /// <summary>Gets the column of the time at which each row's values became true.</summary>
    public string EventTimestampColumn { get; init; } = DefaultEventTimestampColumn;

    /// <summary>
    /// Gets the column of the time at which each row was written, which breaks ties between rows with the same event
    /// timestamp (the later write wins); null when the source has none.
    /// </summary>
    public string? CreatedTimestampColumn { get; init; } = DefaultCreatedTimestampColumn;

    /// <summary>Rows ingested through the store's API (the store stamps their creation time when a row has none).</summary>
    public static FeatureSource Ingested() => new(FeatureSourceKind.Ingested, null);

    /// <summary>A CSV file or glob, with a header row.</summary>
    /// <param name="path">The file's path or a glob such as <c>data/stats-*.csv</c>.</param>
    public static FeatureSource Csv(string path) => new(FeatureSourceKind.Csv, path);

    /// <summary>A Parquet file or glob.</summary>
    /// <param name="path">The file's path or a glob such as <c>data/stats-*.parquet</c>.</param>
    public static FeatureSource Parquet(string path) => new(FeatureSourceKind.Parquet, path);
}
