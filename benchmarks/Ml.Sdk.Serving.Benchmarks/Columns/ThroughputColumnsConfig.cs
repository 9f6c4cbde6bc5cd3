using BenchmarkDotNet.Configs;

namespace Ml.Sdk.Serving.Benchmarks.Columns;

/// <summary>The throughput scenarios' columns: rows per second beside the time per request.</summary>
internal sealed class ThroughputColumnsConfig : ManualConfig
{
    public ThroughputColumnsConfig() => AddColumn(RowsPerSecondColumn.Instance);
}
