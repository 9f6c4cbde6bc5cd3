using BenchmarkDotNet.Attributes;
using Ml.Sdk.Core.Kernels;
using Ml.Sdk.Core.Tests.Kernels.Reference;

namespace Ml.Sdk.Core.Benchmarks;

[MemoryDiagnoser]
public class TopKBenchmarks : FloatKernelBenchmark
{
    private const int K = 5;

    private int[] _indices = [];
    private float[] _values = [];

    [Benchmark(Baseline = true)]
    public void Scalar() => ScalarRowWise.TopK(Input, BenchmarkData.RowLength, K, _indices, _values);

    [Benchmark]
    public void RowWiseTopK() => RowWise.TopK(Input, BenchmarkData.RowLength, K, _indices, _values);

    protected override void SetupScenario()
    {
        _indices = new int[Rows * K];
        _values = new float[Rows * K];
    }
}
