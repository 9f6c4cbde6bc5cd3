using BenchmarkDotNet.Attributes;
using Ml.Sdk.Core.Kernels;
using Ml.Sdk.Core.Tests.Kernels.Reference;

namespace Ml.Sdk.Core.Benchmarks;

[MemoryDiagnoser]
public class MomentsBenchmarks
{
    private float[] _input = [];
    private float[] _copy = [];

    [Params(1024, 65536, 4194304)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _input = BenchmarkData.Uniform(N);
        _copy = new float[N];
    }

    [Benchmark(Baseline = true)]
    public double Scalar() => ScalarMoments.Compute(_input).Variance;

    [Benchmark]
    public double MomentsCompute() => Moments.Compute(_input).Variance;

    // Memory-bandwidth reference: one read and one write of the same data.
    [Benchmark]
    public void SpanCopyTo() => _input.AsSpan().CopyTo(_copy);
}
