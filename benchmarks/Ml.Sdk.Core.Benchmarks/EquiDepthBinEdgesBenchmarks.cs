using BenchmarkDotNet.Attributes;
using Ml.Sdk.Core.Kernels;
using Ml.Sdk.Core.Tests.Kernels.Reference;

namespace Ml.Sdk.Core.Benchmarks;

[MemoryDiagnoser]
public class EquiDepthBinEdgesBenchmarks
{
    private readonly float[] _edges = new float[11];
    private float[] _values = [];

    [Params(1024, 65536, 4194304)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => _values = BenchmarkData.NormalValues(N);

    [Benchmark(Baseline = true)]
    public float Scalar()
    {
        ScalarQuantiles.EquiDepth(_values, 10, _edges);
        return _edges[5];
    }

    [Benchmark]
    public float Kernel()
    {
        BinEdges.EquiDepth(_values, 10, _edges);
        return _edges[5];
    }
}
