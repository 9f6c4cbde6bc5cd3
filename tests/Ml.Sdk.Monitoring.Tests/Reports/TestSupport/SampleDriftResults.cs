using Ml.Sdk.Monitoring.Drift;

namespace Ml.Sdk.Monitoring.Tests.Reports.TestSupport;

/// <summary>Drift results built directly, as the detector would return them, for the report's tests.</summary>
internal static class SampleDriftResults
{
    public static readonly double[] AgeEdges = [18, 25, 32, 40, 50, 65];

    /// <summary>
    /// Four columns in this order: "income" (numeric, not drifted), "age" (numeric, drifted, KS p = 0.0012), "segment"
    /// (missing from the current data) and "plan" (categorical, drifted, Jensen–Shannon 0.21): 2 of 3 tested drifted.
    /// </summary>
    public static DatasetDriftResult Typical(long referenceRows = 1_000, long currentRows = 800) => Dataset(
        referenceRows,
        currentRows,
        Numeric("income", DriftMethod.WassersteinNormed, score: 0.034, drifted: false),
        Numeric("age", DriftMethod.KolmogorovSmirnov, score: 0.0012, drifted: true),
        Untested("segment", ColumnDriftStatus.MissingFromCurrent),
        Categorical("plan", ["free", "pro", "team", "enterprise"], [0.5, 0.3, 0.15, 0.05], [0.3, 0.3, 0.25, 0.15], score: 0.21, drifted: true, unseen: ["trial"]));

    public static DatasetDriftResult Dataset(long referenceRows, long currentRows, params ColumnDriftResult[] columns)
    {
        int tested = columns.Count(c => c.Status == ColumnDriftStatus.Tested);
        int drifted = columns.Count(c => c.Drifted);
        double share = tested == 0 ? 0 : (double)drifted / tested;
        return new DatasetDriftResult
        {
            Columns = columns,
            TestedColumnCount = tested,
            DriftedColumnCount = drifted,
            DriftShare = share,
            DriftShareThreshold = 0.5,
            DatasetDrifted = tested > 0 && share >= 0.5,
            Correction = MultipleTestingCorrection.None,
            ReferenceRowCount = referenceRows,
            CurrentRowCount = currentRows,
        };
    }

    public static DatasetDriftResult WithCorrection(this DatasetDriftResult result, MultipleTestingCorrection correction) => new()
    {
        Columns = result.Columns,
        TestedColumnCount = result.TestedColumnCount,
        DriftedColumnCount = result.DriftedColumnCount,
        DriftShare = result.DriftShare,
        DriftShareThreshold = result.DriftShareThreshold,
        DatasetDrifted = result.DatasetDrifted,
        Correction = correction,
        ReferenceRowCount = result.ReferenceRowCount,
        CurrentRowCount = result.CurrentRowCount,
    };

    public static ColumnDriftResult Numeric(
        string name,
        DriftMethod method,
        double score,
        bool drifted,
        double[]? edges = null,
        double[]? referenceShares = null,
        double[]? currentShares = null,
        long referenceCount = 1_000,
        long currentCount = 790)
    {
        bool pValue = method is DriftMethod.KolmogorovSmirnov or DriftMethod.CramerVonMises or DriftMethod.AndersonDarling
            or DriftMethod.MannWhitneyU or DriftMethod.TTest;
        edges ??= AgeEdges;
        referenceShares ??= [0.2, 0.2, 0.2, 0.2, 0.2];
        currentShares ??= [0.05, 0.1, 0.2, 0.3, 0.35];
        return new ColumnDriftResult
        {
            Column = name,
            Kind = ColumnKind.Numeric,
            Method = method,
            Status = ColumnDriftStatus.Tested,
            IsPValueMethod = pValue,
            Score = score,
            Statistic = pValue ? 0.2134 : score,
            PValue = pValue ? score : double.NaN,
            Threshold = pValue ? 0.05 : 0.1,
            Drifted = drifted,
            ReferenceCount = referenceCount,
            CurrentCount = currentCount,
            CurrentMissingCount = 10,
            ReferenceMean = 41.25,
            CurrentMean = 47.875,
            Distribution = new DistributionComparison(ColumnKind.Numeric, edges, [], referenceShares, currentShares),
        };
    }

    public static ColumnDriftResult Categorical(
        string name,
        string[] categories,
        double[] referenceShares,
        double[] currentShares,
        double score,
        bool drifted,
        string[]? unseen = null,
        long referenceCount = 1_000,
        long currentCount = 800) => new()
        {
            Column = name,
            Kind = ColumnKind.Categorical,
            Method = DriftMethod.JensenShannon,
            Status = ColumnDriftStatus.Tested,
            IsPValueMethod = false,
            Score = score,
            Statistic = score,
            PValue = double.NaN,
            Threshold = 0.1,
            Drifted = drifted,
            ReferenceCount = referenceCount,
            CurrentCount = currentCount,
            CurrentMissingCount = 0,
            UnseenCategories = unseen ?? [],
            Distribution = new DistributionComparison(ColumnKind.Categorical, [], categories, referenceShares, currentShares),
        };

    public static ColumnDriftResult Untested(string name, ColumnDriftStatus status) => new()
    {
        Column = name,
        Kind = ColumnKind.Categorical,
        Method = DriftMethod.ChiSquare,
        Status = status,
        IsPValueMethod = true,
        Score = double.NaN,
        Statistic = double.NaN,
        PValue = double.NaN,
        Threshold = 0.05,
        Drifted = false,
        ReferenceCount = 1_000,
        CurrentCount = 0,
        CurrentMissingCount = 0,
    };
}
