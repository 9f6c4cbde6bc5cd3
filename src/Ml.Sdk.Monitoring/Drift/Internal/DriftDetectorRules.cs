namespace Ml.Sdk.Monitoring.Drift.Internal;

/// <summary>The constants of Evidently's automatic method rule and of its normed Wasserstein distance.</summary>
internal static class DriftDetectorRules
{
    /// <summary>References with at most this many values get p-value tests; larger ones get distances.</summary>
    public const long SmallReference = 1000;

    /// <summary>Numeric columns with at most this many distinct values (reference ∪ current) are treated as categorical.</summary>
    public const int CategoricalDistinctLimit = 5;

    /// <summary>The floor of the reference standard deviation that divides the normed Wasserstein distance.</summary>
    public const double WassersteinStandardDeviationFloor = 0.001;

    /// <summary>Evidently's choice for a numeric column (more than five distinct values): KS for small references, normed Wasserstein otherwise.</summary>
    public static DriftMethod NumericMethod(long referenceCount) =>
        referenceCount <= SmallReference ? DriftMethod.KolmogorovSmirnov : DriftMethod.WassersteinNormed;

    /// <summary>Evidently's choice for categories: the Z-test (at most two) or chi-square for small references, Jensen–Shannon otherwise.</summary>
    public static DriftMethod CategoricalMethod(long referenceCount, int categories) =>
        referenceCount <= SmallReference ? (categories <= 2 ? DriftMethod.ZTest : DriftMethod.ChiSquare) : DriftMethod.JensenShannon;
}
