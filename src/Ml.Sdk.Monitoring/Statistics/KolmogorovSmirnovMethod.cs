namespace Ml.Sdk.Monitoring.Statistics;

/// <summary>How the two-sample Kolmogorov–Smirnov p-value is computed, as <c>scipy.stats.ks_2samp</c>'s <c>method</c>.</summary>
public enum KolmogorovSmirnovMethod
{
    /// <summary>Exact when both samples have at most 10,000 values, otherwise asymptotic (scipy's <c>'auto'</c>).</summary>
    Auto,

    /// <summary>The exact distribution of the statistic.</summary>
    Exact,

    /// <summary>The asymptotic (Kolmogorov) distribution.</summary>
    Asymptotic,
}
