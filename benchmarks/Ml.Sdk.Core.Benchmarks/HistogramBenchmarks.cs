using BenchmarkDotNet.Attributes;
using Ml.Sdk.Core.Kernels;
using Ml.Sdk.Core.Tests.Kernels.Reference;

namespace Ml.Sdk.Core.Benchmarks;

[MemoryDiagnoser]
public class HistogramBenchmarks
{
    private float[] _values = [];
    private float[] _copy = [];
    private float[] _edges = [];
    private float[] _manyEdges = [];
    private long[] _counts = [];
    private long[] _manyCounts = [];

    [Params(1024, 65536, 4194304)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _values = BenchmarkData.NormalValues(N);
        _copy = new float[N];

        // Bins from reference quantiles of a different sample, as drift monitoring does.
        float[] reference = BenchmarkData.NormalValues(65536, seed: 7);
        _edges = new float[11];
        BinEdges.EquiDepth(reference, 10, _edges);
        _manyEdges = new float[101];
        BinEdges.EquiDepth(reference, 100, _manyEdges);
        _counts = new long[10];
        _manyCounts = new long[100];
    }

    [Benchmark(Baseline = true)]
    public long Scalar() => ScalarHistogram.Count(_values, _edges, _counts).InRange;

    [Benchmark]
    public long Kernel() => Histogram.Count(_values, _edges, _counts).InRange;

    [Benchmark]
    public void CopyTo() => _values.AsSpan().CopyTo(_copy);

    [Benchmark]
    public long Scalar100Bins() => ScalarHistogram.Count(_values, _manyEdges, _manyCounts).InRange;

    [Benchmark]
    public long Kernel100Bins() => Histogram.Count(_values, _manyEdges, _manyCounts).InRange;
}
