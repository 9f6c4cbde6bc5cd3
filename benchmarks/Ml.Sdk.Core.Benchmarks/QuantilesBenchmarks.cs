using BenchmarkDotNet.Attributes;
using Ml.Sdk.Core.Kernels;
using Ml.Sdk.Core.Tests.Kernels.Reference;

namespace Ml.Sdk.Core.Benchmarks;

[MemoryDiagnoser]
public class QuantilesBenchmarks : FloatKernelBenchmark
{
    private readonly double[] _probabilities = [0.01, 0.25, 0.5, 0.75, 0.99];
    private readonly double[] _destination = new double[5];

    [Benchmark(Baseline = true)]
    public double Scalar()
    {
        ScalarQuantiles.Compute(Input, _probabilities, _destination);
        return _destination[2];
    }

    [Benchmark]
    public double Kernel()
    {
        Quantiles.Compute(Input, _probabilities, _destination);
        return _destination[2];
    }

    // The output buffer serves as caller scratch.
    [Benchmark]
    public double KernelWithScratch()
    {
        Quantiles.Compute(Input, _probabilities, _destination, Output);
        return _destination[2];
    }

    protected override float[] CreateInput(int length) => BenchmarkData.NormalValues(length);
}
