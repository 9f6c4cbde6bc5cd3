using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Ml.Sdk.Serving.Benchmarks.Columns;

/// <summary>
/// A percentile of a case over the same percentile of its baseline (BenchmarkDotNet's ratio column compares means
/// only): <c>P99 ratio</c> is this case's P99 divided by the baseline's P99.
/// </summary>
internal sealed class PercentileRatioColumn(int percentile) : IColumn
{
    public string Id => $"{nameof(PercentileRatioColumn)}.P{percentile}";

    public string ColumnName => $"P{percentile} ratio";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Baseline;

    public int PriorityInCategory => 100 + percentile;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"P{percentile} of this case / P{percentile} of the baseline";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => summary.HasBaselines();

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        BenchmarkCase? baseline = summary.GetBaseline(summary.GetLogicalGroupKey(benchmarkCase));
        if (baseline is null
            || PercentileColumn.Of(summary, benchmarkCase, percentile) is not double value
            || PercentileColumn.Of(summary, baseline, percentile) is not double reference
            || reference <= 0)
        {
            return "?";
        }

        return (value / reference).ToString("N2", style.CultureInfo ?? CultureInfo.InvariantCulture);
    }

    public override string ToString() => ColumnName;
}
