using Ml.Sdk.Monitoring.Drift;

namespace Ml.Sdk.Monitoring.Reports.Internal;

/// <summary>The words the report uses for the drift enums.</summary>
internal static class ReportLabels
{
    public static string Method(DriftMethod method) => method switch
    {
        DriftMethod.KolmogorovSmirnov => "Kolmogorov–Smirnov",
        DriftMethod.CramerVonMises => "Cramér–von Mises",
        DriftMethod.AndersonDarling => "Anderson–Darling",
        DriftMethod.MannWhitneyU => "Mann–Whitney U",
        DriftMethod.TTest => "t-test",
        DriftMethod.Wasserstein => "Wasserstein",
        DriftMethod.WassersteinNormed => "Wasserstein (normed)",
        DriftMethod.JensenShannon => "Jensen–Shannon",
        DriftMethod.PopulationStabilityIndex => "PSI",
        DriftMethod.KullbackLeibler => "Kullback–Leibler",
        DriftMethod.Hellinger => "Hellinger",
        DriftMethod.ChiSquare => "chi-square",
        DriftMethod.ZTest => "Z-test",
        DriftMethod.TotalVariation => "total variation",
        _ => method.ToString(),
    };

    public static string Kind(ColumnKind kind) => kind == ColumnKind.Numeric ? "numeric" : "categorical";

    public static string Correction(MultipleTestingCorrection correction) => correction switch
    {
        MultipleTestingCorrection.None => "none",
        MultipleTestingCorrection.Bonferroni => "Bonferroni",
        MultipleTestingCorrection.BenjaminiHochberg => "Benjamini–Hochberg",
        _ => correction.ToString(),
    };

    public static string Status(ColumnDriftStatus status) => status switch
    {
        ColumnDriftStatus.Tested => "tested",
        ColumnDriftStatus.NoCurrentRows => "not tested: the current data has no rows",
        ColumnDriftStatus.NoCurrentValues => "not tested: every current value is missing",
        ColumnDriftStatus.NoReferenceValues => "not tested: the reference has no values",
        ColumnDriftStatus.MissingFromCurrent => "not tested: the column is missing from the current data",
        _ => "not tested: " + status,
    };
}
