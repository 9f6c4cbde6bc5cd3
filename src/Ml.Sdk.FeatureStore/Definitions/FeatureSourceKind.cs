namespace Ml.Sdk.FeatureStore.Definitions;

/// <summary>Where a feature view's rows come from.</summary>
public enum FeatureSourceKind
{
    /// <summary>Rows ingested through the store's API, validated against the view's schema.</summary>
    Ingested,

    /// <summary>A CSV file (or a glob of them) with a header row.</summary>
    Csv,

    /// <summary>A Parquet file (or a glob of them).</summary>
    Parquet,
}
