namespace Ml.Sdk.Monitoring.Drift;

/// <summary>How a dataset's drift is computed: the methods per column, the thresholds and the dataset verdict.</summary>
/// <remarks>
/// With no override, the method follows Evidently's documented rule: when the reference has at most 1,000 values,
/// numeric columns with more than five distinct values get <see cref="DriftMethod.KolmogorovSmirnov"/>, and
/// categorical or low-cardinality columns get <see cref="DriftMethod.ChiSquare"/>, or <see cref="DriftMethod.ZTest"/>
/// when there are at most two categories; with a larger reference, numeric columns get
/// <see cref="DriftMethod.WassersteinNormed"/> and the others <see cref="DriftMethod.JensenShannon"/>.
/// </remarks>
public sealed class DriftOptions
{
    /// <summary>Gets the per-column overrides, by column name (ordinal).</summary>
    public IDictionary<string, ColumnDriftOptions> Columns { get; } = new Dictionary<string, ColumnDriftOptions>(StringComparer.Ordinal);

    /// <summary>Gets or sets the method for every numeric column without an override; <see langword="null"/> chooses automatically.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public DriftMethod? NumericMethod { get; set; }

    /// <summary>Gets or sets the method for every categorical column without an override; <see langword="null"/> chooses automatically.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public DriftMethod? CategoricalMethod { get; set; }

    /// <summary>Gets or sets the threshold for p-value methods without a column override: drift is p &lt; threshold.</summary>
    /// <value>Default 0.05.</value>
    public double PValueThreshold { get; set; } = 0.05;

    /// <summary>Gets or sets the threshold for distances without a column override: drift is distance ≥ threshold.</summary>
    /// <value>Default 0.1.</value>
    public double DistanceThreshold { get; set; } = 0.1;

    /// <summary>Gets or sets the share of tested columns that must drift for the dataset to drift (drift is share ≥ threshold).</summary>
    /// <value>Default 0.5.</value>
    public double DriftShareThreshold { get; set; } = 0.5;

    /// <summary>Gets or sets the correction applied to the p-values of the columns tested by p-value methods.</summary>
    /// <value>Default <see cref="MultipleTestingCorrection.None"/>.</value>
    public MultipleTestingCorrection Correction { get; set; }

    /// <summary>Gets or sets the share given to an empty bin or category by PSI and Kullback–Leibler, so that logarithms stay finite.</summary>
    /// <value>Default 1e-4.</value>
    public double EmptyBinEpsilon { get; set; } = 1e-4;

    /// <summary>Gets or sets how many columns are computed at once; <see langword="null"/> uses every processor.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public int? MaxDegreeOfParallelism { get; set; }
}
