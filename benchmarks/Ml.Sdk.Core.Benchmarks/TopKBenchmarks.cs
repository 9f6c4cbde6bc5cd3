using BenchmarkDotNet.Attributes;
using Ml.Sdk.Core.Kernels;
using Ml.Sdk.Core.Tests.Kernels.Reference;

namespace Ml.Sdk.Core.Benchmarks;

[MemoryDiagnoser]
public class TopKBenchmarks
{
    private const int K = 5;

    private float[] _input = [];
    private int[] _indices = [];
    private float[] _values = [];

    [Params(1024, 65536, 4194304)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _input = BenchmarkData.Uniform(N);
        _indices = new int[N / BenchmarkData.RowLength * K];
        _values = new float[N / BenchmarkData.RowLength * K];
    }

    [Benchmark(Baseline = true)]
    public void Scalar() => ScalarRowWise.TopK(_input, BenchmarkData.RowLength, K, _indices, _values);

    [Benchmark]
    public void RowWiseTopK() => RowWise.TopK(_input, BenchmarkData.RowLength, K, _indices, _values);
}
