using BenchmarkDotNet.Attributes;
using Ml.Sdk.Core.Kernels;
using Ml.Sdk.Core.Tests.Kernels.Reference;

namespace Ml.Sdk.Core.Benchmarks;

[MemoryDiagnoser]
public class EquiDepthBinEdgesBenchmarks : FloatKernelBenchmark
{
    private readonly float[] _edges = new float[11];

    [Benchmark(Baseline = true)]
    public float Scalar()
    {
        ScalarQuantiles.EquiDepth(Input, 10, _edges);
        return _edges[5];
    }

    [Benchmark]
    public float Kernel()
    {
        BinEdges.EquiDepth(Input, 10, _edges);
        return _edges[5];
    }

    protected override float[] CreateInput(int length) => BenchmarkData.NormalValues(length);
}
