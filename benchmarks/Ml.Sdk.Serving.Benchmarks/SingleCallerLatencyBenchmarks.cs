using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;
using Ml.Sdk.Serving.Benchmarks.Columns;
using Perfolizer.Mathematics.OutlierDetection;

namespace Ml.Sdk.Serving.Benchmarks;

/// <summary>
/// Scenario 1: one caller, one row per request, nothing else running. Ml.Sdk.Serving's allocation-free
/// <c>InferAsync&lt;float, float&gt;</c> (a lone request runs inline on the caller's thread) against the hand-written
/// ONNX Runtime call on the same model file; ML.NET's <see cref="PredictionEngine{TSrc,TDst}"/> on the same file for
/// reference. Goal: P50 and P99 within 1.10x of raw ONNX Runtime, and no more bytes allocated per request.
/// </summary>
/// <remarks>
/// <para>
/// Every iteration is one request (<c>InvocationCount = 1</c>, no unrolling), so BenchmarkDotNet's percentiles are
/// percentiles of single requests, not of averages over thousands of them (which would hide the tail). Outliers are
/// kept (they are the tail) and no GC is forced between iterations, so a method that allocates pays for its
/// collections where they fall, as it would in an application. BenchmarkDotNet warns that the iterations are shorter
/// than 100 ms: that is the point here. The job's other settings come from the command line (<c>--job</c>,
/// <c>--launchCount</c>); these attributes only mutate it, so <c>--job short</c> still measures 4,000 single requests.
/// </para>
/// <para>
/// Between two iterations the benchmark process reports to BenchmarkDotNet's host process, which takes milliseconds on
/// a loaded machine: each setup first runs its method a few thousand times and lets the tiered JIT finish, so that the
/// 200 warm-up iterations are not what promotes the code to optimized.
/// </para>
/// <para>
/// Each method's process builds only its own side (targeted <c>[GlobalSetup]</c>): ONNX Runtime has one environment per
/// process, and the server creates it with a shared thread pool unless something created it first. Each side checks its
/// output against the model's own forward pass before it is measured.
/// </para>
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(LatencyColumnsConfig))]
[InvocationCount(1, 1)]
[WarmupCount(200)]
[IterationCount(4000)]
[GcForce(false)]
[Outliers(OutlierMode.DontRemove)]
public class SingleCallerLatencyBenchmarks
{
    private readonly float[] _input = MlpBenchmarkModel.Row(0);
    private readonly float[] _output = new float[MlpBenchmarkModel.OutputWidth];
    private MlpBenchmarkModel? _model;
    private InferenceSession? _session;
    private RunOptions? _runOptions;
    private ServedMlp? _served;
    private MlNetMlp? _mlNet;
    private PredictionEngine<MlpFeatures, MlpLogits>? _engine;
    private MlpFeatures _row = new();
    private MlpLogits _prediction = new();

    [GlobalSetup(Target = nameof(RawOnnxRuntime))]
    public void SetupRawOnnxRuntime()
    {
        _model = new MlpBenchmarkModel();
        _session = RawOnnxRuntimeCall.CreateSession(_model.Path);
        _runOptions = new RunOptions();
        WarmUp(RawOnnxRuntime);
        _model.Verify(nameof(RawOnnxRuntime), _input, _output);
    }

    [GlobalSetup(Target = nameof(MlSdkServing))]
    public async Task SetupMlSdkServing()
    {
        _model = new MlpBenchmarkModel();
        _served = await ServedMlp.StartAsync(_model.Path);
        await MlSdkServing();
        WarmUp(() => MlSdkServing().GetAwaiter().GetResult());
        _model.Verify(nameof(MlSdkServing), _input, _output);
    }

    [GlobalSetup(Target = nameof(MlNetPredictionEngine))]
    public void SetupMlNetPredictionEngine()
    {
        _model = new MlpBenchmarkModel();
        _mlNet = new MlNetMlp(_model.Path);
        _engine = _mlNet.CreateEngine();
        _row = new MlpFeatures { Features = _input };
        WarmUp(MlNetPredictionEngine);
        _model.Verify(nameof(MlNetPredictionEngine), _input, _prediction.Logits);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _engine?.Dispose();
        _mlNet?.Dispose();
        if (_served is not null)
        {
            await _served.DisposeAsync();
        }

        _runOptions?.Dispose();
        _session?.Dispose();
        _model?.Dispose();
    }

    private static void WarmUp(Action request)
    {
        for (int i = 0; i < 5_000; i++)
        {
            request();
        }

        // Tier-1 code is compiled in the background once the tiered JIT's call-counting delay (100 ms) has passed.
        Thread.Sleep(500);
        for (int i = 0; i < 1_000; i++)
        {
            request();
        }
    }

    /// <summary>The hand-written call: wrap the array, <c>Run</c>, copy the output out, dispose.</summary>
    [Benchmark(Baseline = true)]
    public void RawOnnxRuntime() => RawOnnxRuntimeCall.Infer(_session!, _runOptions!, _input, _output);

    /// <summary>An async caller awaiting the served model, its rows in its own arrays.</summary>
    [Benchmark]
    public async Task MlSdkServing() => await _served!.Client.InferAsync<float, float>(_input, _output);

    /// <summary>ML.NET's single prediction, reusing its output object (the cheaper of its two <c>Predict</c> overloads).</summary>
    [Benchmark]
    public void MlNetPredictionEngine() => _engine!.Predict(_row, ref _prediction);
}
