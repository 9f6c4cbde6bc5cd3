namespace Ml.Sdk.FeatureStore.Offline;

/// <summary>Where the embedded DuckDB offline store keeps its data, and how much memory it may use.</summary>
public sealed class DuckDbOfflineStoreOptions
{
    /// <summary>Gets or sets the DuckDB database file; its folder is created if missing.</summary>
    public string DatabasePath { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets DuckDB's memory limit (for example <c>"2GB"</c>); null keeps DuckDB's default (80% of RAM). Joins
    /// and sorts past it spill to <see cref="TempDirectory"/>, which is how retrievals larger than memory complete.
    /// </summary>
    public string? MemoryLimit { get; set; }

    /// <summary>Gets or sets the folder DuckDB spills to; null uses <c>DatabasePath + ".tmp"</c>.</summary>
    public string? TempDirectory { get; set; }

    /// <summary>Gets or sets the number of threads DuckDB uses; null uses every core.</summary>
    public int? Threads { get; set; }
}
