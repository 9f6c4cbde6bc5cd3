namespace Ml.Sdk.FeatureStore.Materialization;

/// <summary>How materialization copies offline rows to the online store.</summary>
public sealed class MaterializationOptions
{
    /// <summary>
    /// Gets or sets how many entity keys go to the online store in one write, and so how many rows are in memory at
    /// once (default 10,000). After each chunk the position is saved, and a rerun of the same interval resumes after it.
    /// </summary>
    public int ChunkSize { get; set; } = 10_000;
}
