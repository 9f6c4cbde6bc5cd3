using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace Ml.Sdk.Serving.Benchmarks.Columns;

/// <summary>The latency scenario's columns: P50, P95 and P99 of the single requests, and P50 and P99 over the baseline's.</summary>
internal sealed class LatencyColumnsConfig : ManualConfig
{
    public LatencyColumnsConfig()
    {
        AddColumn(
            StatisticColumn.P50,
            StatisticColumn.P95,
            new PercentileColumn(99),
            new PercentileRatioColumn(50),
            new PercentileRatioColumn(99));
    }
}
