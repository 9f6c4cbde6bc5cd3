using System.Buffers.Binary;
using Google.Protobuf;
using Ml.Sdk.Training.Onnx.Internal.Proto;
using TorchSharp;

namespace Ml.Sdk.Training.Onnx;

/// <summary>
/// The ONNX graph under construction, as an <see cref="IOnnxModuleConverter"/> sees it: add constant tensors and
/// nodes, and get back the names of the values they produce. Names are made unique here, so a hint never collides.
/// </summary>
public sealed class OnnxGraphBuilder
{
    private readonly GraphProto _graph;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long[]> _shapes = new(StringComparer.Ordinal);

    internal OnnxGraphBuilder(GraphProto graph, int opset)
    {
        _graph = graph;
        Opset = opset;
    }

    /// <summary>Gets the ONNX operator set version the model imports; a converter may choose operators by it.</summary>
    public int Opset { get; }

    /// <summary>Gets or sets the path of the module being converted, used to name what it adds.</summary>
    internal string Scope { get; set; } = string.Empty;

    internal int NodeCount => _graph.Node.Count;

    internal int InitializerCount => _graph.Initializer.Count;

    /// <summary>Adds a float32 constant tensor (a weight, a bias), copying its data.</summary>
    /// <param name="nameHint">A name for it, such as <c>weight</c>; prefixed with the module path and made unique.</param>
    /// <param name="value">The tensor, of element type float32, on any device.</param>
    /// <returns>The name of the constant, to use as a node input.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="nameHint"/> is empty, or the tensor is not float32.</exception>
    public string AddInitializer(string nameHint, torch.Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.dtype != torch.ScalarType.Float32)
        {
            throw new ArgumentException($"Constant '{nameHint}' has element type {value.dtype}; the exporter writes float32 only.", nameof(value));
        }

        float[] data;
        long[] dims;
        using (torch.NewDisposeScope())
        {
            torch.Tensor host = value.detach().cpu().contiguous();
            data = host.data<float>().ToArray();
            dims = host.shape;
        }

        return AddInitializer(nameHint, data, dims);
    }

    /// <summary>Adds a float32 constant tensor from values in row-major order.</summary>
    /// <param name="nameHint">A name for it; prefixed with the module path and made unique.</param>
    /// <param name="values">The elements.</param>
    /// <param name="dims">The dimensions; empty for a scalar.</param>
    /// <returns>The name of the constant.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="nameHint"/> is empty, or the number of values is not the product of the dimensions.
    /// </exception>
    public string AddInitializer(string nameHint, ReadOnlySpan<float> values, ReadOnlySpan<long> dims)
    {
        byte[] raw = new byte[checked(values.Length * sizeof(float))];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * sizeof(float)), values[i]);
        }

        return AddRawInitializer(nameHint, TensorProto.Types.DataType.Float, values.Length, dims, raw);
    }

    /// <summary>Adds an int64 constant tensor, such as a target shape for <c>Reshape</c>.</summary>
    /// <param name="nameHint">A name for it; prefixed with the module path and made unique.</param>
    /// <param name="int64Values">The elements in row-major order.</param>
    /// <param name="dims">The dimensions; empty for a scalar.</param>
    /// <returns>The name of the constant.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="nameHint"/> is empty, or the number of values is not the product of the dimensions.
    /// </exception>
    public string AddInitializer(string nameHint, ReadOnlySpan<long> int64Values, ReadOnlySpan<long> dims)
    {
        byte[] raw = new byte[checked(int64Values.Length * sizeof(long))];
        for (int i = 0; i < int64Values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(i * sizeof(long)), int64Values[i]);
        }

        return AddRawInitializer(nameHint, TensorProto.Types.DataType.Int64, int64Values.Length, dims, raw);
    }

    /// <summary>Adds a node of the default ONNX domain with one output.</summary>
    /// <param name="opType">The operator, such as <c>MatMul</c>.</param>
    /// <param name="inputs">The input value names in the operator's order; an empty name skips an optional input.</param>
    /// <param name="attributes">The node's attributes.</param>
    /// <returns>The (unique) name of the node's output.</returns>
    /// <exception cref="ArgumentException"><paramref name="opType"/> is empty, or an input names no value of the graph.</exception>
    public string AddNode(string opType, IReadOnlyList<string> inputs, params OnnxAttribute[] attributes) =>
        AddNode(opType, inputs, 1, attributes)[0];

    /// <summary>Adds a node of the default ONNX domain with several outputs.</summary>
    /// <param name="opType">The operator.</param>
    /// <param name="inputs">The input value names in the operator's order; an empty name skips an optional input.</param>
    /// <param name="outputCount">How many outputs to name, at least one.</param>
    /// <param name="attributes">The node's attributes.</param>
    /// <returns>The (unique) names of the node's outputs, in order.</returns>
    /// <exception cref="ArgumentException"><paramref name="opType"/> is empty, or an input names no value of the graph.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outputCount"/> is below one.</exception>
    public IReadOnlyList<string> AddNode(string opType, IReadOnlyList<string> inputs, int outputCount, params OnnxAttribute[] attributes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opType);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputCount, 1);
        foreach (string input in inputs)
        {
            if (input is null || (input.Length > 0 && !_values.Contains(input)))
            {
                throw new ArgumentException($"Node '{opType}' has input '{input}', which no earlier node, constant or graph input produces.", nameof(inputs));
            }
        }

        string nodeName = Unique(Scope.Length == 0 ? opType : $"{Scope}/{opType}");
        var node = new NodeProto { Name = nodeName, OpType = opType };
        node.Input.AddRange(inputs);
        foreach (OnnxAttribute attribute in attributes)
        {
            node.Attribute.Add(attribute.ToProto());
        }

        string[] outputs = new string[outputCount];
        for (int i = 0; i < outputCount; i++)
        {
            outputs[i] = AddValue(outputCount == 1 ? $"{nodeName}_output" : $"{nodeName}_output{i}");
        }

        node.Output.AddRange(outputs);
        _graph.Node.Add(node);
        return outputs;
    }

    /// <summary>Declares a value that exists before any node runs (a graph input).</summary>
    internal void AddGraphInputValue(string name)
    {
        _names.Add(name);
        _values.Add(name);
    }

    /// <summary>Keeps a name free of generated names (the graph output).</summary>
    internal void ReserveName(string name) => _names.Add(name);

    internal bool HasValue(string name) => _values.Contains(name);

    internal void RecordShape(string value, long[] shape) => _shapes[value] = shape;

    internal bool TryGetShape(string value, out long[] shape) => _shapes.TryGetValue(value, out shape!);

    internal bool IsNodeOutput(string value)
    {
        foreach (NodeProto node in _graph.Node)
        {
            if (node.Output.Contains(value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Renames a value everywhere it appears, so that the last node writes the graph output directly.</summary>
    internal void RenameValue(string from, string to)
    {
        foreach (NodeProto node in _graph.Node)
        {
            Replace(node.Input, from, to);
            Replace(node.Output, from, to);
        }

        _values.Remove(from);
        _values.Add(to);
        _names.Add(to);
    }

    private static void Replace(Google.Protobuf.Collections.RepeatedField<string> names, string from, string to)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], from, StringComparison.Ordinal))
            {
                names[i] = to;
            }
        }
    }

    private string AddRawInitializer(string nameHint, TensorProto.Types.DataType dataType, int count, ReadOnlySpan<long> dims, byte[] raw)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameHint);
        long expected = 1;
        foreach (long dim in dims)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(dim, nameof(dims));
            expected = checked(expected * dim);
        }

        if (expected != count)
        {
            throw new ArgumentException(
                $"Constant '{nameHint}' has {count} values but dimensions [{string.Join(',', dims.ToArray())}].", nameof(dims));
        }

        string name = AddValue(Scope.Length == 0 ? nameHint : $"{Scope}.{nameHint}");
        var tensor = new TensorProto { Name = name, DataType = (int)dataType, RawData = UnsafeByteOperations.UnsafeWrap(raw) };
        tensor.Dims.AddRange(dims.ToArray());
        _graph.Initializer.Add(tensor);
        return name;
    }

    private string AddValue(string hint)
    {
        string name = Unique(hint);
        _values.Add(name);
        return name;
    }

    private string Unique(string hint)
    {
        if (_names.Add(hint))
        {
            return hint;
        }

        for (int i = 1; ; i++)
        {
            string candidate = $"{hint}_{i}";
            if (_names.Add(candidate))
            {
                return candidate;
            }
        }
    }
}
