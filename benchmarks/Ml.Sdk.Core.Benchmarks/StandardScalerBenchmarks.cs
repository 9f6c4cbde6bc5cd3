using BenchmarkDotNet.Attributes;
using Ml.Sdk.Core.Kernels;
using Ml.Sdk.Core.Tests.Kernels.Reference;

namespace Ml.Sdk.Core.Benchmarks;

[MemoryDiagnoser]
public class StandardScalerBenchmarks
{
    private float[] _input = [];
    private float[] _output = [];

    [Params(1024, 65536, 4194304)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _input = BenchmarkData.Uniform(N);
        _output = new float[N];
    }

    [Benchmark(Baseline = true)]
    public void ScalarFitTransform()
    {
        var fit = ScalarScaling.FitStandard(_input);
        ScalarScaling.TransformStandard(_input, _output, fit.Mean, fit.Scale);
    }

    [Benchmark]
    public void FitTransform() => StandardScaler.Fit(_input).Transform(_input, _output);
}
