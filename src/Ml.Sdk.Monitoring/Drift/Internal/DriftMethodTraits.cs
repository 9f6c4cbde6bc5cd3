namespace Ml.Sdk.Monitoring.Drift.Internal;

/// <summary>Which methods give p-values and which column kinds each one fits (as Evidently's allowed feature types).</summary>
internal static class DriftMethodTraits
{
    public static bool IsPValue(DriftMethod method) => method is DriftMethod.KolmogorovSmirnov or DriftMethod.CramerVonMises
        or DriftMethod.AndersonDarling or DriftMethod.MannWhitneyU or DriftMethod.TTest or DriftMethod.ChiSquare
        or DriftMethod.ZTest;

    /// <summary>Gets whether the method compares numbers on a scale (rank tests, t-test, Wasserstein).</summary>
    public static bool IsNumericOnly(DriftMethod method) => method is DriftMethod.KolmogorovSmirnov
        or DriftMethod.CramerVonMises or DriftMethod.AndersonDarling or DriftMethod.MannWhitneyU or DriftMethod.TTest
        or DriftMethod.Wasserstein or DriftMethod.WassersteinNormed;

    /// <summary>Gets whether the method compares category counts only.</summary>
    public static bool IsCategoricalOnly(DriftMethod method) =>
        method is DriftMethod.ChiSquare or DriftMethod.ZTest or DriftMethod.TotalVariation;

    public static bool IsDefined(DriftMethod method) => Enum.IsDefined(method);
}
