using BenchmarkDotNet.Attributes;
using Ml.Sdk.Core.Kernels;
using Ml.Sdk.Core.Tests.Kernels.Reference;

namespace Ml.Sdk.Core.Benchmarks;

[MemoryDiagnoser]
public class LogSoftmaxBenchmarks
{
    private float[] _input = [];
    private float[] _output = [];

    [Params(1024, 65536, 4194304)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _input = BenchmarkData.Uniform(N);
        _output = new float[N];
    }

    [Benchmark(Baseline = true)]
    public void Scalar() => ScalarRowWise.LogSoftmax(_input, _output, BenchmarkData.RowLength);

    [Benchmark]
    public void RowWiseLogSoftmax() => RowWise.LogSoftmax(_input, _output, BenchmarkData.RowLength);
}
