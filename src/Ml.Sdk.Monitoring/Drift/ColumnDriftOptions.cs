namespace Ml.Sdk.Monitoring.Drift;

/// <summary>Overrides the automatic choice for one column.</summary>
public sealed class ColumnDriftOptions
{
    /// <summary>Gets or sets the method; <see langword="null"/> lets the automatic rule choose.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public DriftMethod? Method { get; set; }

    /// <summary>
    /// Gets or sets the threshold: for a p-value method drift is p &lt; threshold, for a distance drift is
    /// distance ≥ threshold. <see langword="null"/> takes the method's default (0.05 for p-values, 0.1 for distances).
    /// </summary>
    /// <value>Default <see langword="null"/>.</value>
    public double? Threshold { get; set; }
}
