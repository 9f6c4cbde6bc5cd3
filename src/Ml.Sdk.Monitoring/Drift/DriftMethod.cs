namespace Ml.Sdk.Monitoring.Drift;

/// <summary>A statistical test or distance that compares a column's current values with its reference.</summary>
/// <remarks>
/// The p-value tests (<see cref="KolmogorovSmirnov"/>, <see cref="CramerVonMises"/>, <see cref="AndersonDarling"/>,
/// <see cref="MannWhitneyU"/>, <see cref="TTest"/>, <see cref="ChiSquare"/>, <see cref="ZTest"/>) flag drift when the
/// p-value is below the threshold (0.05 by default); the distances flag drift when the distance is at or above the
/// threshold (0.1 by default), as Evidently does.
/// </remarks>
public enum DriftMethod
{
    /// <summary>Two-sample Kolmogorov–Smirnov test (numeric), as <c>scipy.stats.ks_2samp</c>.</summary>
    KolmogorovSmirnov,

    /// <summary>Two-sample Cramér–von Mises test (numeric), as <c>scipy.stats.cramervonmises_2samp</c>.</summary>
    CramerVonMises,

    /// <summary>k-sample Anderson–Darling test on the two samples (numeric), as <c>scipy.stats.anderson_ksamp</c>.</summary>
    AndersonDarling,

    /// <summary>Mann–Whitney U test (numeric), as <c>scipy.stats.mannwhitneyu</c>, two-sided.</summary>
    MannWhitneyU,

    /// <summary>Two-sample t-test on the means (numeric), as <c>scipy.stats.ttest_ind</c>.</summary>
    TTest,

    /// <summary>First Wasserstein (earth mover's) distance in the column's units (numeric).</summary>
    Wasserstein,

    /// <summary>Wasserstein distance divided by the reference's standard deviation (floor 0.001), Evidently's default for large numeric data.</summary>
    WassersteinNormed,

    /// <summary>Jensen–Shannon distance (natural log, as <c>scipy.spatial.distance.jensenshannon</c>) between binned shares.</summary>
    JensenShannon,

    /// <summary>Population stability index between binned shares (empty bins get a small epsilon).</summary>
    PopulationStabilityIndex,

    /// <summary>Kullback–Leibler divergence of the reference shares from the current shares (empty bins get a small epsilon).</summary>
    KullbackLeibler,

    /// <summary>Hellinger distance between binned shares.</summary>
    Hellinger,

    /// <summary>Pearson's chi-square goodness-of-fit of the current counts to the reference shares (categorical).</summary>
    ChiSquare,

    /// <summary>Two-proportion Z-test (categorical with at most two categories).</summary>
    ZTest,

    /// <summary>Total variation distance between category shares (categorical).</summary>
    TotalVariation,
}
