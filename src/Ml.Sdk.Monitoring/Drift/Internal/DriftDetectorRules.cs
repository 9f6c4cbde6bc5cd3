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
}
