using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Ml.Sdk.Serving.Benchmarks.Columns;

/// <summary>
/// Rows served per second, from the mean time per operation: the throughput scenarios count one operation per request
/// of one row (<c>OperationsPerInvoke</c>), so this is requests per second as well.
/// </summary>
internal sealed class RowsPerSecondColumn : IColumn
{
    public static readonly RowsPerSecondColumn Instance = new();

    public string Id => nameof(RowsPerSecondColumn);

    public string ColumnName => "Rows/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Rows (requests of one row) completed per second: 1 s / Mean";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        summary[benchmarkCase]?.ResultStatistics?.Mean is double nanoseconds && nanoseconds > 0
            ? (1e9 / nanoseconds).ToString("N0", style.CultureInfo ?? CultureInfo.InvariantCulture)
            : "NA";

    public override string ToString() => ColumnName;
}
