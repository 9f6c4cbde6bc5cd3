using BenchmarkDotNet.Attributes;
using Ml.Sdk.Core.Kernels;
using Ml.Sdk.Core.Tests.Kernels.Reference;

namespace Ml.Sdk.Core.Benchmarks;

[MemoryDiagnoser]
public class LogSoftmaxBenchmarks : FloatKernelBenchmark
{
    [Benchmark(Baseline = true)]
    public void Scalar() => ScalarRowWise.LogSoftmax(Input, Output, BenchmarkData.RowLength);

    [Benchmark]
    public void RowWiseLogSoftmax() => RowWise.LogSoftmax(Input, Output, BenchmarkData.RowLength);
}
