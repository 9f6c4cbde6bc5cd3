using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Perfolizer.Horology;

namespace Ml.Sdk.Serving.Benchmarks.Columns;

/// <summary>
/// Any percentile of the measurements (BenchmarkDotNet 0.15.8 ships P0, P25, P50, P67, P80, P85, P90, P95 and P100
/// columns, not P99). It reads the same statistics as <see cref="StatisticColumn.P95"/>.
/// </summary>
internal sealed class PercentileColumn(int percentile) : IColumn
{
    public string Id => $"{nameof(PercentileColumn)}.P{percentile}";

    public string ColumnName => $"P{percentile}";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Statistics;

    public int PriorityInCategory => 100 + percentile;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Time;

    public string Legend => $"Percentile {percentile}";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (Of(summary, benchmarkCase, percentile) is not double nanoseconds)
        {
            return "NA";
        }

        TimeUnit unit = style.TimeUnit ?? TimeUnit.GetBestTimeUnit(nanoseconds);
        string number = TimeUnit.Convert(nanoseconds, TimeUnit.Nanosecond, unit).ToString("N2", style.CultureInfo ?? CultureInfo.InvariantCulture);
        return style.PrintUnitsInContent ? $"{number} {unit.Abbreviation}" : number;
    }

    /// <summary>The percentile of a case's measurements in nanoseconds per operation, or <see langword="null"/> when it has none.</summary>
    public static double? Of(Summary summary, BenchmarkCase benchmarkCase, int percentile) =>
        summary[benchmarkCase]?.ResultStatistics?.Percentiles.Percentile(percentile);

    public override string ToString() => ColumnName;
}
