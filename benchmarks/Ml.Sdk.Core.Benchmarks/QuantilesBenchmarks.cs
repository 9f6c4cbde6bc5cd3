using BenchmarkDotNet.Attributes;
using Ml.Sdk.Core.Kernels;
using Ml.Sdk.Core.Tests.Kernels.Reference;

namespace Ml.Sdk.Core.Benchmarks;

[MemoryDiagnoser]
public class QuantilesBenchmarks
{
    private readonly double[] _probabilities = [0.01, 0.25, 0.5, 0.75, 0.99];
    private readonly double[] _destination = new double[5];
    private float[] _values = [];
    private float[] _scratch = [];

    [Params(1024, 65536, 4194304)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _values = BenchmarkData.NormalValues(N);
        _scratch = new float[N];
    }

    [Benchmark(Baseline = true)]
    public double Scalar()
    {
        ScalarQuantiles.Compute(_values, _probabilities, _destination);
        return _destination[2];
    }

    [Benchmark]
    public double Kernel()
    {
        Quantiles.Compute(_values, _probabilities, _destination);
        return _destination[2];
    }

    [Benchmark]
    public double KernelWithScratch()
    {
        Quantiles.Compute(_values, _probabilities, _destination, _scratch);
        return _destination[2];
    }
}
