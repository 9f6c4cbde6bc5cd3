using BenchmarkDotNet.Attributes;
using Ml.Sdk.Core.Kernels;
using Ml.Sdk.Core.Tests.Kernels.Reference;

namespace Ml.Sdk.Core.Benchmarks;

[MemoryDiagnoser]
public class MinMaxScalerBenchmarks : FloatKernelBenchmark
{
    [Benchmark(Baseline = true)]
    public void ScalarFitTransform()
    {
        var fit = ScalarScaling.FitMinMax(Input);
        ScalarScaling.TransformMinMax(Input, Output, fit.Min, fit.Scale);
    }

    [Benchmark]
    public void FitTransform() => MinMaxScaler.Fit(Input).Transform(Input, Output);
}
