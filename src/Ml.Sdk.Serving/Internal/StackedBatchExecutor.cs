using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Ml.Sdk.Core.Tensors;
using OrtElementType = Microsoft.ML.OnnxRuntime.Tensors.TensorElementType;

namespace Ml.Sdk.Serving.Internal;

/// <summary>
/// Runs a model whose inputs and outputs all have a dynamic batch dimension and fixed other dimensions: requests are
/// copied row after row into native input buffers, the session runs once through an I/O binding made for that row
/// count (made once, then reused), and each request reads its rows back from the native output buffers. No managed
/// allocation per run.
/// </summary>
internal sealed unsafe class StackedBatchExecutor : IBatchExecutor
{
    private readonly InferenceSession _session;
    private readonly ImmutableArray<TensorSpec> _inputs;
    private readonly ImmutableArray<TensorSpec> _outputs;
    private readonly int[] _inputRowBytes;
    private readonly int[] _outputRowBytes;
    private readonly byte*[] _inputBuffers;
    private readonly byte*[] _outputBuffers;
    private readonly OrtIoBinding?[] _bindings;
    private readonly List<OrtValue> _values = [];
    private readonly RunOptions _runOptions = new();
    private readonly int _maxRows;

    public StackedBatchExecutor(InferenceSession session, ModelSignature signature, int maxRows)
    {
        _session = session;
        _inputs = signature.Inputs;
        _outputs = signature.Outputs;
        _maxRows = maxRows;
        _inputRowBytes = [.. _inputs.Select(RowBytes)];
        _outputRowBytes = [.. _outputs.Select(RowBytes)];
        _inputBuffers = new byte*[_inputs.Length];
        _outputBuffers = new byte*[_outputs.Length];
        for (int i = 0; i < _inputs.Length; i++)
        {
            _inputBuffers[i] = Allocate((nuint)_inputRowBytes[i] * (nuint)maxRows);
        }

        for (int i = 0; i < _outputs.Length; i++)
        {
            _outputBuffers[i] = Allocate((nuint)_outputRowBytes[i] * (nuint)maxRows);
        }

        _bindings = new OrtIoBinding?[maxRows + 1];
    }

    public bool IsStacked => true;

    /// <summary>Whether a signature can be stacked: every input and output has a dynamic first dimension and fixed others.</summary>
    public static bool CanStack(ModelSignature signature) =>
        signature.Inputs.Concat(signature.Outputs).All(static spec =>
            spec.Rank >= 1 && spec.HasDynamicBatchDimension && spec.Shape.Skip(1).All(static d => d >= 0));

    public static int RowBytes(TensorSpec spec)
    {
        long elements = 1;
        for (int i = 1; i < spec.Rank; i++)
        {
            elements *= spec.Shape[i];
        }

        return checked((int)(elements * TensorElementTypes.SizeOf(spec.ElementType)));
    }

    public void Run(ReadOnlySpan<PendingRequest> batch, int rows)
    {
        for (int input = 0; input < _inputs.Length; input++)
        {
            int rowBytes = _inputRowBytes[input];
            var destination = new Span<byte>(_inputBuffers[input], rowBytes * rows);
            int offset = 0;
            foreach (PendingRequest request in batch)
            {
                ReadOnlySpan<byte> source = request.GetInput(input);
                source.CopyTo(destination[offset..]);
                offset += source.Length;
            }
        }

        _session.RunWithBinding(_runOptions, GetBinding(rows));
    }

    public void WarmUp(int runs, int maxBatchSize)
    {
        int largest = Math.Min(maxBatchSize, _maxRows);
        for (int i = 0; i < _inputs.Length; i++)
        {
            new Span<byte>(_inputBuffers[i], _inputRowBytes[i] * largest).Clear();
        }

        for (int run = 0; run < runs; run++)
        {
            _session.RunWithBinding(_runOptions, GetBinding(1));
            if (largest > 1)
            {
                _session.RunWithBinding(_runOptions, GetBinding(largest));
            }
        }
    }

    public ReadOnlySpan<byte> GetRows(int output, int rowOffset, int rows)
    {
        int rowBytes = _outputRowBytes[output];
        return new ReadOnlySpan<byte>(_outputBuffers[output] + ((long)rowOffset * rowBytes), rows * rowBytes);
    }

    public void GetShape(int output, int rows, Span<long> shape)
    {
        TensorSpec spec = _outputs[output];
        shape[0] = rows;
        for (int i = 1; i < shape.Length; i++)
        {
            shape[i] = spec.Shape[i];
        }
    }

    public int GetRank(int output) => _outputs[output].Rank;

    private OrtIoBinding GetBinding(int rows)
    {
        OrtIoBinding? binding = _bindings[rows];
        if (binding is not null)
        {
            return binding;
        }

        binding = _session.CreateIoBinding();
        for (int i = 0; i < _inputs.Length; i++)
        {
            binding.BindInput(_inputs[i].Name, CreateValue(_inputs[i], _inputBuffers[i], _inputRowBytes[i], rows));
        }

        for (int i = 0; i < _outputs.Length; i++)
        {
            binding.BindOutput(_outputs[i].Name, CreateValue(_outputs[i], _outputBuffers[i], _outputRowBytes[i], rows));
        }

        _bindings[rows] = binding;
        return binding;
    }

    private OrtValue CreateValue(TensorSpec spec, byte* buffer, int rowBytes, int rows)
    {
        long[] shape = [.. spec.Shape];
        shape[0] = rows;
        OrtValue value = OrtValue.CreateTensorValueWithData(
            OrtMemoryInfo.DefaultInstance, (OrtElementType)(int)spec.ElementType, shape, (nint)buffer, (long)rowBytes * rows);
        _values.Add(value);
        return value;
    }

    private static byte* Allocate(nuint bytes) => (byte*)NativeMemory.AlignedAlloc(Math.Max(bytes, 1), 64);

    public void Dispose()
    {
        foreach (OrtIoBinding? binding in _bindings)
        {
            binding?.Dispose();
        }

        foreach (OrtValue value in _values)
        {
            value.Dispose();
        }

        _runOptions.Dispose();
        for (int i = 0; i < _inputBuffers.Length; i++)
        {
            NativeMemory.AlignedFree(_inputBuffers[i]);
            _inputBuffers[i] = null;
        }

        for (int i = 0; i < _outputBuffers.Length; i++)
        {
            NativeMemory.AlignedFree(_outputBuffers[i]);
            _outputBuffers[i] = null;
        }
    }
}
