using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using Ml.Sdk.Core.Kernels;
using Ml.Sdk.Core.Tests.Kernels.Reference;

namespace Ml.Sdk.Core.Benchmarks;

[MemoryDiagnoser]
public class SoftmaxBenchmarks
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
    public void Scalar() => ScalarRowWise.Softmax(_input, _output, BenchmarkData.RowLength);

    [Benchmark]
    public void RowWiseSoftmax() => RowWise.Softmax(_input, _output, BenchmarkData.RowLength);

    [Benchmark]
    public void TensorPrimitivesSoftMax()
    {
        for (int start = 0; start < _input.Length; start += BenchmarkData.RowLength)
        {
            TensorPrimitives.SoftMax(_input.AsSpan(start, BenchmarkData.RowLength), _output.AsSpan(start, BenchmarkData.RowLength));
        }
    }
}
