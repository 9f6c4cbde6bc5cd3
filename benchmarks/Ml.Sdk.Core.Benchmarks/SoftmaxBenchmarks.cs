using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using Ml.Sdk.Core.Kernels;
using Ml.Sdk.Core.Tests.Kernels.Reference;

namespace Ml.Sdk.Core.Benchmarks;

[MemoryDiagnoser]
public class SoftmaxBenchmarks : FloatKernelBenchmark
{
    [Benchmark(Baseline = true)]
    public void Scalar() => ScalarRowWise.Softmax(Input, Output, BenchmarkData.RowLength);

    [Benchmark]
    public void RowWiseSoftmax() => RowWise.Softmax(Input, Output, BenchmarkData.RowLength);

    // The goal's reference: the BCL's softmax on the same rows (it does not subtract the row maximum).
    [Benchmark]
    public void TensorPrimitivesSoftMax()
    {
        for (int start = 0; start < Input.Length; start += BenchmarkData.RowLength)
        {
            TensorPrimitives.SoftMax(Input.AsSpan(start, BenchmarkData.RowLength), Output.AsSpan(start, BenchmarkData.RowLength));
        }
    }
}
