using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;

namespace Ml.Sdk.Serving.Benchmarks;

/// <summary>
/// The frame of the concurrent scenarios: <see cref="Callers"/> callers, each owning its input row and output array,
/// each sending <see cref="RequestsPerCaller"/> requests of one row, one after another. One benchmark invocation is all
/// of them (<see cref="Requests"/> requests, declared as <c>OperationsPerInvoke</c>, so times, rows per second and bytes
/// are per request).
/// </summary>
/// <remarks>
/// <para>
/// Ml.Sdk.Serving's callers are async loops (<c>await InferAsync</c>), started with <see cref="Task.Run(Func{Task})"/> as
/// requests arrive in a server, and awaited with <see cref="Task.WhenAll(Task[])"/>. The baselines' callers are
/// thread-pool tasks that call synchronously per request, as a server that calls ONNX Runtime or ML.NET does: the
/// pool runs as many at once as it has threads, which is the most that synchronous calls get out of the cores.
/// Raw ONNX Runtime callers share one session (its <c>Run</c> is thread-safe), each with its own
/// <see cref="RunOptions"/>; ML.NET callers each own a <see cref="PredictionEngine{TSrc,TDst}"/>, which is not
/// thread-safe, all from one transformer (one session).
/// </para>
/// <para>
/// Setup checks one request per side against the model's forward pass; cleanup checks every caller's last output, so a
/// batch that mixed up rows under load fails the run instead of producing a figure.
/// </para>
/// </remarks>
public abstract class ConcurrentCallersBenchmark
{
    public const int Callers = 64;
    public const int RequestsPerCaller = 32;
    public const int Requests = Callers * RequestsPerCaller;

    private readonly Task[] _tasks = new Task[Callers];
    private readonly float[][] _inputs = new float[Callers][];
    private readonly float[][] _outputs = new float[Callers][];
    private MlpBenchmarkModel? _model;
    private ServedMlp? _served;
    private Func<Task>[] _servedCallers = [];
    private InferenceSession? _session;
    private RunOptions[] _runOptions = [];
    private Action[] _rawCallers = [];
    private MlNetMlp? _mlNet;
    private PredictionEngine<MlpFeatures, MlpLogits>[] _engines = [];
    private MlpLogits[] _predictions = [];
    private Action[] _mlNetCallers = [];

    protected async Task SetupServedAsync()
    {
        CreateModelAndRows();
        _served = await ServedMlp.StartAsync(_model!.Path);
        IModelClient client = _served.Client;
        _servedCallers = new Func<Task>[Callers];
        for (int caller = 0; caller < Callers; caller++)
        {
            float[] input = _inputs[caller];
            float[] output = _outputs[caller];
            _servedCallers[caller] = async () =>
            {
                for (int request = 0; request < RequestsPerCaller; request++)
                {
                    await client.InferAsync<float, float>(input, output);
                }
            };
        }

        await client.InferAsync<float, float>(_inputs[0], _outputs[0]);
        _model.Verify("Ml.Sdk.Serving", _inputs[0], _outputs[0]);
    }

    protected void SetupRawOnnxRuntime()
    {
        CreateModelAndRows();
        InferenceSession session = _session = RawOnnxRuntimeCall.CreateSession(_model!.Path);
        _runOptions = new RunOptions[Callers];
        _rawCallers = new Action[Callers];
        for (int caller = 0; caller < Callers; caller++)
        {
            float[] input = _inputs[caller];
            float[] output = _outputs[caller];
            RunOptions runOptions = _runOptions[caller] = new RunOptions();
            _rawCallers[caller] = () =>
            {
                for (int request = 0; request < RequestsPerCaller; request++)
                {
                    RawOnnxRuntimeCall.Infer(session, runOptions, input, output);
                }
            };
        }

        RawOnnxRuntimeCall.Infer(session, _runOptions[0], _inputs[0], _outputs[0]);
        _model.Verify("raw ONNX Runtime", _inputs[0], _outputs[0]);
    }

    protected void SetupMlNet()
    {
        CreateModelAndRows();
        _mlNet = new MlNetMlp(_model!.Path);
        _engines = new PredictionEngine<MlpFeatures, MlpLogits>[Callers];
        _predictions = new MlpLogits[Callers];
        _mlNetCallers = new Action[Callers];
        for (int caller = 0; caller < Callers; caller++)
        {
            int index = caller;
            PredictionEngine<MlpFeatures, MlpLogits> engine = _engines[caller] = _mlNet.CreateEngine();
            var row = new MlpFeatures { Features = _inputs[caller] };
            _predictions[caller] = new MlpLogits();
            _mlNetCallers[caller] = () =>
            {
                for (int request = 0; request < RequestsPerCaller; request++)
                {
                    engine.Predict(row, ref _predictions[index]);
                }
            };
        }

        _engines[0].Predict(new MlpFeatures { Features = _inputs[0] }, ref _predictions[0]);
        _model.Verify("ML.NET", _inputs[0], _predictions[0].Logits);
    }

    protected Task RunServed()
    {
        for (int caller = 0; caller < Callers; caller++)
        {
            _tasks[caller] = Task.Run(_servedCallers[caller]);
        }

        return Task.WhenAll(_tasks);
    }

    protected Task RunRawOnnxRuntime() => RunSynchronousCallers(_rawCallers);

    protected Task RunMlNet() => RunSynchronousCallers(_mlNetCallers);

    [GlobalCleanup]
    public async Task Cleanup()
    {
        try
        {
            for (int caller = 0; caller < Callers && _model is not null; caller++)
            {
                if (_served is not null || _session is not null)
                {
                    _model.Verify($"caller {caller}", _inputs[caller], _outputs[caller]);
                }

                if (_mlNet is not null)
                {
                    _model.Verify($"ML.NET caller {caller}", _inputs[caller], _predictions[caller].Logits);
                }
            }
        }
        finally
        {
            foreach (PredictionEngine<MlpFeatures, MlpLogits> engine in _engines)
            {
                engine.Dispose();
            }

            _mlNet?.Dispose();
            if (_served is not null)
            {
                await _served.DisposeAsync();
            }

            foreach (RunOptions runOptions in _runOptions)
            {
                runOptions.Dispose();
            }

            _session?.Dispose();
            _model?.Dispose();
        }
    }

    private Task RunSynchronousCallers(Action[] callers)
    {
        for (int caller = 0; caller < Callers; caller++)
        {
            _tasks[caller] = Task.Run(callers[caller]);
        }

        return Task.WhenAll(_tasks);
    }

    private void CreateModelAndRows()
    {
        _model = new MlpBenchmarkModel();
        for (int caller = 0; caller < Callers; caller++)
        {
            _inputs[caller] = MlpBenchmarkModel.Row(caller);
            _outputs[caller] = new float[MlpBenchmarkModel.OutputWidth];
        }
    }
}
