using System.ComponentModel.DataAnnotations;

namespace Ml.Sdk.FeatureStore;

/// <summary>Where the embedded feature store keeps its data, and its limits.</summary>
public sealed class MlFeatureStoreOptions
{
    /// <summary>Gets or sets the folder of the embedded stores: <c>offline.duckdb</c> (DuckDB) and <c>online.db</c> (SQLite).</summary>
    [Required]
    public string RootPath { get; set; } = "ml-data";

    /// <summary>Gets or sets DuckDB's memory limit for the offline store (for example <c>"2GB"</c>); null keeps DuckDB's default.</summary>
    public string? OfflineMemoryLimit { get; set; }

    /// <summary>Gets or sets the number of threads DuckDB uses; null uses every core.</summary>
    [Range(1, 1024)]
    public int? OfflineThreads { get; set; }

    /// <summary>Gets or sets how many entity keys materialization writes at once (default 10,000).</summary>
    [Range(1, 10_000_000)]
    public int MaterializationChunkSize { get; set; } = 10_000;
}
