using BenchmarkDotNet.Attributes;
using Ml.Sdk.Core.Kernels;
using Ml.Sdk.Core.Tests.Kernels.Reference;

namespace Ml.Sdk.Core.Benchmarks;

[MemoryDiagnoser]
public class ArgMaxBenchmarks
{
    private float[] _input = [];
    private int[] _output = [];

    [Params(1024, 65536, 4194304)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _input = BenchmarkData.Uniform(N);
        _output = new int[N / BenchmarkData.RowLength];
    }

    [Benchmark(Baseline = true)]
    public void Scalar() => ScalarRowWise.ArgMax(_input, BenchmarkData.RowLength, _output);

    [Benchmark]
    public void RowWiseArgMax() => RowWise.ArgMax(_input, BenchmarkData.RowLength, _output);
}
