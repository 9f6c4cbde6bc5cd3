using BenchmarkDotNet.Attributes;
using Ml.Sdk.Core.Kernels;
using Ml.Sdk.Core.Tests.Kernels.Reference;

namespace Ml.Sdk.Core.Benchmarks;

[MemoryDiagnoser]
public class StandardScalerBenchmarks : FloatKernelBenchmark
{
    [Benchmark(Baseline = true)]
    public void ScalarFitTransform()
    {
        var fit = ScalarScaling.FitStandard(Input);
        ScalarScaling.TransformStandard(Input, Output, fit.Mean, fit.Scale);
    }

    [Benchmark]
    public void FitTransform() => StandardScaler.Fit(Input).Transform(Input, Output);
}
