namespace Ml.Sdk.Monitoring.Drift;

/// <summary>How the p-values of several columns are corrected for testing many columns at once.</summary>
/// <remarks>Only columns tested by a p-value method take part; distances are never corrected.</remarks>
public enum MultipleTestingCorrection
{
    /// <summary>Each column's p-value is compared with its threshold as it is.</summary>
    None,

    /// <summary>Each p-value is multiplied by the number of p-value columns (capped at 1): the family-wise error rate.</summary>
    Bonferroni,

    /// <summary>Benjamini–Hochberg step-up adjusted p-values: the false discovery rate.</summary>
    BenjaminiHochberg,
}
