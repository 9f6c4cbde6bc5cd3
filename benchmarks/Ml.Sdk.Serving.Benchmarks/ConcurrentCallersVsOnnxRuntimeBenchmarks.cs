using BenchmarkDotNet.Attributes;
using Ml.Sdk.Serving.Benchmarks.Columns;

namespace Ml.Sdk.Serving.Benchmarks;

/// <summary>
/// Scenario 2: 64 concurrent callers of one-row requests. Ml.Sdk.Serving's dynamic batching (up to 64 rows a batch)
/// against the same callers running the hand-written ONNX Runtime call per request on one shared session. Goal: at
/// least 10x the baseline's rows per second (a ratio of 0.10 or less), and no more bytes allocated per request.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputColumnsConfig))]
public class ConcurrentCallersVsOnnxRuntimeBenchmarks : ConcurrentCallersBenchmark
{
    [GlobalSetup(Target = nameof(RawOnnxRuntime))]
    public void SetupRaw() => SetupRawOnnxRuntime();

    [GlobalSetup(Target = nameof(MlSdkServing))]
    public Task SetupServing() => SetupServedAsync();

    [Benchmark(Baseline = true, OperationsPerInvoke = Requests)]
    public Task RawOnnxRuntime() => RunRawOnnxRuntime();

    [Benchmark(OperationsPerInvoke = Requests)]
    public Task MlSdkServing() => RunServed();
}
