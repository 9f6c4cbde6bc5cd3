using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Ml.Sdk.Monitoring.Streaming;

namespace Ml.Sdk.Monitoring.Benchmarks;

/// <summary>
/// The cost of one update of each streaming detector, against a baseline written the obvious way in the same run.
/// Each detector is fed 1,000,000 precomputed values whose level shifts in the middle (the error rate, for DDM); the
/// baselines, slower by design, get the 20,000 around the shift (10,000 on each side). Both divide by
/// the number of values they were fed, so each figure is per update and the ratio per category is the speed-up.
/// </summary>
/// <remarks>
/// Run by hand: <c>dotnet run -c Release --project benchmarks/Ml.Sdk.Monitoring.Benchmarks -- --filter '*StreamingDetectorBenchmarks*'</c>.
/// </remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class StreamingDetectorBenchmarks
{
    private const int Length = 1_000_000;
    private const int BaselineLength = 20_000;

    private readonly Adwin _adwin = new();
    private readonly PageHinkley _pageHinkley = new();
    private readonly Ddm _ddm = new();
    private readonly Kswin _kswin = new();
    private readonly Kswin _seededKswin = new(seed: 0);
    private readonly StreamingBaselineAdwin _baselineAdwin = new();
    private readonly StreamingBaselinePageHinkley _baselinePageHinkley = new();
    private readonly StreamingBaselineDdm _baselineDdm = new();
    private readonly StreamingBaselineKswin _baselineKswin = new();

    private double[] _values = [];
    private double[] _errors = [];
    private double[] _baselineValues = [];
    private double[] _baselineErrors = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20240601);
        _values = new double[Length];
        _errors = new double[Length];
        for (int i = 0; i < Length; i++)
        {
            bool shifted = i >= Length / 2;
            _values[i] = random.NextDouble() + (shifted ? 0.5 : 0.0);
            _errors[i] = random.NextDouble() < (shifted ? 0.3 : 0.2) ? 1.0 : 0.0;
        }

        _baselineValues = [.. _values.AsSpan(Length / 2 - BaselineLength / 2, BaselineLength)];
        _baselineErrors = [.. _errors.AsSpan(Length / 2 - BaselineLength / 2, BaselineLength)];
    }

    [Benchmark(OperationsPerInvoke = Length)]
    [BenchmarkCategory("ADWIN")]
    public int Adwin()
    {
        _adwin.Reset();
        int detections = 0;
        foreach (double value in _values)
        {
            detections += _adwin.Update(value) ? 1 : 0;
        }

        return detections;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = BaselineLength)]
    [BenchmarkCategory("ADWIN")]
    public int AdwinListBaseline()
    {
        _baselineAdwin.Reset();
        int detections = 0;
        foreach (double value in _baselineValues)
        {
            detections += _baselineAdwin.Update(value) ? 1 : 0;
        }

        return detections;
    }

    [Benchmark(OperationsPerInvoke = Length)]
    [BenchmarkCategory("PageHinkley")]
    public int PageHinkley()
    {
        _pageHinkley.Reset();
        int detections = 0;
        foreach (double value in _values)
        {
            detections += _pageHinkley.Update(value) ? 1 : 0;
        }

        return detections;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = BaselineLength)]
    [BenchmarkCategory("PageHinkley")]
    public int PageHinkleyObjectBaseline()
    {
        _baselinePageHinkley.Reset();
        int detections = 0;
        foreach (double value in _baselineValues)
        {
            detections += _baselinePageHinkley.Update(value) ? 1 : 0;
        }

        return detections;
    }

    [Benchmark(OperationsPerInvoke = Length)]
    [BenchmarkCategory("DDM")]
    public int Ddm()
    {
        _ddm.Reset();
        int detections = 0;
        foreach (double value in _errors)
        {
            detections += _ddm.Update(value) ? 1 : 0;
        }

        return detections;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = BaselineLength)]
    [BenchmarkCategory("DDM")]
    public int DdmObjectBaseline()
    {
        _baselineDdm.Reset();
        int detections = 0;
        foreach (double value in _baselineErrors)
        {
            detections += _baselineDdm.Update(value) ? 1 : 0;
        }

        return detections;
    }

    [Benchmark(OperationsPerInvoke = Length)]
    [BenchmarkCategory("KSWIN")]
    public int Kswin()
    {
        _kswin.Reset();
        int detections = 0;
        foreach (double value in _values)
        {
            detections += _kswin.Update(value) ? 1 : 0;
        }

        return detections;
    }

    /// <summary>KSWIN with a seed: River's own draws (CPython's Mersenne Twister and <c>random.sample</c>).</summary>
    [Benchmark(OperationsPerInvoke = Length)]
    [BenchmarkCategory("KSWIN")]
    public int KswinSeeded()
    {
        _seededKswin.Reset();
        int detections = 0;
        foreach (double value in _values)
        {
            detections += _seededKswin.Update(value) ? 1 : 0;
        }

        return detections;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = BaselineLength)]
    [BenchmarkCategory("KSWIN")]
    public int KswinLinqBaseline()
    {
        _baselineKswin.Reset();
        int detections = 0;
        foreach (double value in _baselineValues)
        {
            detections += _baselineKswin.Update(value) ? 1 : 0;
        }

        return detections;
    }
}
