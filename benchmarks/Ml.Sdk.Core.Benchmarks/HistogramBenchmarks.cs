using BenchmarkDotNet.Attributes;
using Ml.Sdk.Core.Kernels;
using Ml.Sdk.Core.Tests.Kernels.Reference;

namespace Ml.Sdk.Core.Benchmarks;

[MemoryDiagnoser]
public class HistogramBenchmarks : FloatKernelBenchmark
{
    private readonly float[] _edges = new float[11];
    private readonly float[] _manyEdges = new float[101];
    private readonly long[] _counts = new long[10];
    private readonly long[] _manyCounts = new long[100];

    [Benchmark(Baseline = true)]
    public long Scalar() => ScalarHistogram.Count(Input, _edges, _counts).InRange;

    [Benchmark]
    public long Kernel() => Histogram.Count(Input, _edges, _counts).InRange;

    // Memory-bandwidth reference: one read and one write of the same data.
    [Benchmark]
    public void CopyTo() => Input.AsSpan().CopyTo(Output);

    [Benchmark]
    public long Scalar100Bins() => ScalarHistogram.Count(Input, _manyEdges, _manyCounts).InRange;

    [Benchmark]
    public long Kernel100Bins() => Histogram.Count(Input, _manyEdges, _manyCounts).InRange;

    protected override float[] CreateInput(int length) => BenchmarkData.NormalValues(length);

    protected override void SetupScenario()
    {
        // Bins from reference quantiles of a different sample, as drift monitoring does.
        float[] reference = BenchmarkData.NormalValues(65536, seed: 7);
        BinEdges.EquiDepth(reference, 10, _edges);
        BinEdges.EquiDepth(reference, 100, _manyEdges);
    }
}
