namespace Ml.Sdk.Monitoring.Profiles;

/// <summary>How a reference dataset is summarized into a <see cref="ReferenceProfile"/>.</summary>
public sealed class ReferenceProfileOptions
{
    /// <summary>Gets or sets the number of reference-quantile bins kept per numeric column (PSI, Jensen–Shannon, KL, Hellinger and the report's charts).</summary>
    /// <value>Default 10.</value>
    public int QuantileBinCount { get; set; } = 10;

    /// <summary>
    /// Gets or sets how many non-missing values per numeric column the profile keeps sorted for the rank tests and the
    /// Wasserstein distance. Up to this many the tests are exact; beyond it a seeded uniform sample of this size is kept.
    /// </summary>
    /// <value>Default 1,000,000.</value>
    public int SortedSampleLimit { get; set; } = 1_000_000;

    /// <summary>Gets or sets the seed of the sample drawn when a column has more values than <see cref="SortedSampleLimit"/>.</summary>
    /// <value>Default 0.</value>
    public int Seed { get; set; }
}
