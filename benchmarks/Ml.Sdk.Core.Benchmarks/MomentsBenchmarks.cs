using BenchmarkDotNet.Attributes;
using Ml.Sdk.Core.Kernels;
using Ml.Sdk.Core.Tests.Kernels.Reference;

namespace Ml.Sdk.Core.Benchmarks;

[MemoryDiagnoser]
public class MomentsBenchmarks : FloatKernelBenchmark
{
    [Benchmark(Baseline = true)]
    public double Scalar() => ScalarMoments.Compute(Input).Variance;

    [Benchmark]
    public double MomentsCompute() => Moments.Compute(Input).Variance;

    // Memory-bandwidth reference: one read and one write of the same data.
    [Benchmark]
    public void SpanCopyTo() => Input.AsSpan().CopyTo(Output);
}
