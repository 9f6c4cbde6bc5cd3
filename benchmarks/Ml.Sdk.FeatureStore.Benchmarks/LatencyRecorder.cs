using System.Diagnostics;
using System.Globalization;

namespace Ml.Sdk.FeatureStore.Benchmarks;

/// <summary>
/// Per-call latencies of a benchmark, recorded around each call, so that the run reports p50 and p99 of single calls
/// next to BenchmarkDotNet's means (whose percentiles are over iterations, not calls).
/// </summary>
internal sealed class LatencyRecorder(int capacity)
{
    private readonly long[] _ticks = new long[capacity];
    private int _count;

    public static long Start() => Stopwatch.GetTimestamp();

    public void Stop(long start)
    {
        if (_count < _ticks.Length)
        {
            _ticks[_count++] = Stopwatch.GetTimestamp() - start;
        }
    }

    /// <summary>Writes p50 and p99 in microseconds to the log, if this process ran the benchmark (each runs in its own).</summary>
    public void Report(string name)
    {
        if (_count > 0)
        {
            Console.WriteLine("// " + Summary(name));
        }
    }

    private string Summary(string name)
    {

        long[] sorted = _ticks[.._count];
        Array.Sort(sorted);
        double Percentile(double p) => sorted[Math.Min(_count - 1, (int)(p * _count))] * 1e6 / Stopwatch.Frequency;
        return string.Create(CultureInfo.InvariantCulture, $"{name}: {_count:N0} calls, p50 {Percentile(0.50):F1} µs, p99 {Percentile(0.99):F1} µs");
    }
}
