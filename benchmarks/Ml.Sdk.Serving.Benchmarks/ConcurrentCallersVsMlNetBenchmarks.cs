using BenchmarkDotNet.Attributes;
using Ml.Sdk.Serving.Benchmarks.Columns;

namespace Ml.Sdk.Serving.Benchmarks;

/// <summary>
/// Scenario 3: the same 64 callers against ML.NET's <c>ApplyOnnxModel</c> on the same file, a prediction engine per
/// caller. Goal: at least 10x ML.NET's rows per second (a ratio of 0.10 or less).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputColumnsConfig))]
public class ConcurrentCallersVsMlNetBenchmarks : ConcurrentCallersBenchmark
{
    [GlobalSetup(Target = nameof(MlNetPredictionEngine))]
    public void SetupPredictionEngines() => SetupMlNet();

    [GlobalSetup(Target = nameof(MlSdkServing))]
    public Task SetupServing() => SetupServedAsync();

    [Benchmark(Baseline = true, OperationsPerInvoke = Requests)]
    public Task MlNetPredictionEngine() => RunMlNet();

    [Benchmark(OperationsPerInvoke = Requests)]
    public Task MlSdkServing() => RunServed();
}
