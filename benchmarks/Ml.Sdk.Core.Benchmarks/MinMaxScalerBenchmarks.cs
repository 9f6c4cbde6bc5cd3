using BenchmarkDotNet.Attributes;
using Ml.Sdk.Core.Kernels;
using Ml.Sdk.Core.Tests.Kernels.Reference;

namespace Ml.Sdk.Core.Benchmarks;

[MemoryDiagnoser]
public class MinMaxScalerBenchmarks
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
        var fit = ScalarScaling.FitMinMax(_input);
        ScalarScaling.TransformMinMax(_input, _output, fit.Min, fit.Scale);
    }

    [Benchmark]
    public void FitTransform() => MinMaxScaler.Fit(_input).Transform(_input, _output);
}
