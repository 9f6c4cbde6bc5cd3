using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Ml.Sdk.Core.Tensors;
using OrtElementType = Microsoft.ML.OnnxRuntime.Tensors.TensorElementType;

namespace Ml.Sdk.Serving.Internal;

/// <summary>
/// Runs a model that cannot be stacked (no dynamic batch dimension, or other dynamic dimensions): one request per run,
/// with the request's own shapes; ONNX Runtime allocates the outputs, which stay readable until the next run.
/// </summary>
internal sealed unsafe class SingleRequestExecutor : IBatchExecutor
{
    private readonly InferenceSession _session;
    private readonly ImmutableArray<TensorSpec> _inputs;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly byte*[] _inputBuffers;
    private readonly int[] _inputCapacities;
    private readonly RunOptions _runOptions = new();
    private IDisposableReadOnlyCollection<OrtValue>? _results;
    private long[][] _outputShapes = [];

    public SingleRequestExecutor(InferenceSession session, ModelSignature signature)
    {
        _session = session;
        _inputs = signature.Inputs;
        _inputNames = [.. signature.Inputs.Select(static s => s.Name)];
        _outputNames = [.. signature.Outputs.Select(static s => s.Name)];
        _inputBuffers = new byte*[_inputs.Length];
        _inputCapacities = new int[_inputs.Length];
    }

    public bool IsStacked => false;

    public void Run(ReadOnlySpan<PendingRequest> batch, int rows)
    {
        PendingRequest request = batch[0];
        var values = new OrtValue[_inputs.Length];
        try
        {
            for (int i = 0; i < _inputs.Length; i++)
            {
                long[] shape = new long[_inputs[i].Rank];
                request.GetInputShape(i, shape);
                values[i] = CreateInput(i, request.GetInput(i), shape);
            }

            Execute(values);
        }
        finally
        {
            foreach (OrtValue? value in values)
            {
                value?.Dispose();
            }
        }
    }

    public void WarmUp(int runs, int maxBatchSize)
    {
        for (int run = 0; run < runs; run++)
        {
            var values = new OrtValue[_inputs.Length];
            try
            {
                for (int i = 0; i < _inputs.Length; i++)
                {
                    long[] shape = [.. _inputs[i].Shape.Select(static d => d < 0 ? 1 : d)];
                    long elements = shape.Aggregate(1L, static (a, b) => a * b);
                    byte[] zeros = new byte[elements * TensorElementTypes.SizeOf(_inputs[i].ElementType)];
                    values[i] = CreateInput(i, zeros, shape);
                }

                Execute(values);
            }
            finally
            {
                foreach (OrtValue? value in values)
                {
                    value?.Dispose();
                }
            }
        }
    }

    private OrtValue CreateInput(int index, ReadOnlySpan<byte> bytes, long[] shape)
    {
        if (_inputCapacities[index] < bytes.Length)
        {
            NativeMemory.AlignedFree(_inputBuffers[index]);
            _inputBuffers[index] = (byte*)NativeMemory.AlignedAlloc((nuint)Math.Max(bytes.Length, 1), 64);
            _inputCapacities[index] = bytes.Length;
        }

        bytes.CopyTo(new Span<byte>(_inputBuffers[index], bytes.Length));
        return OrtValue.CreateTensorValueWithData(
            OrtMemoryInfo.DefaultInstance, (OrtElementType)(int)_inputs[index].ElementType, shape, (nint)_inputBuffers[index], bytes.Length);
    }

    private void Execute(OrtValue[] values)
    {
        _results?.Dispose();
        _results = null;
        _results = _session.Run(_runOptions, _inputNames, values, _outputNames);
        _outputShapes = new long[_results.Count][];
        int index = 0;
        foreach (OrtValue result in _results)
        {
            _outputShapes[index++] = result.GetTensorTypeAndShape().Shape;
        }
    }

    public ReadOnlySpan<byte> GetRows(int output, int rowOffset, int rows) =>
        (_results ?? throw new InvalidOperationException("No run has produced outputs yet."))[output].GetTensorMutableRawData();

    public void GetShape(int output, int rows, Span<long> shape) => _outputShapes[output].CopyTo(shape);

    public int GetRank(int output) => _outputShapes[output].Length;

    public void Dispose()
    {
        _results?.Dispose();
        _results = null;
        _runOptions.Dispose();
        for (int i = 0; i < _inputBuffers.Length; i++)
        {
            NativeMemory.AlignedFree(_inputBuffers[i]);
            _inputBuffers[i] = null;
        }
    }
}
