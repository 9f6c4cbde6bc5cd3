using BenchmarkDotNet.Attributes;
using Ml.Sdk.Core.Kernels;
using Ml.Sdk.Core.Tests.Kernels.Reference;

namespace Ml.Sdk.Core.Benchmarks;

[MemoryDiagnoser]
public class ArgMaxBenchmarks : FloatKernelBenchmark
{
    private int[] _indices = [];

    [Benchmark(Baseline = true)]
    public void Scalar() => ScalarRowWise.ArgMax(Input, BenchmarkData.RowLength, _indices);

    [Benchmark]
    public void RowWiseArgMax() => RowWise.ArgMax(Input, BenchmarkData.RowLength, _indices);

    protected override void SetupScenario() => _indices = new int[Rows];
}
