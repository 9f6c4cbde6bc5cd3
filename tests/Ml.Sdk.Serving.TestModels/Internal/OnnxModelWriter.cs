using System.Buffers.Binary;
using Google.Protobuf;
using Ml.Sdk.Training.Onnx.Internal.Proto;

namespace Ml.Sdk.Serving.TestModels.Internal;

/// <summary>
/// Builds one ONNX model (IR version 8, default-domain opset 17) from graph inputs, constants, nodes and outputs, and
/// writes it to a file. Nodes must be added in topological order; nothing here checks the graph, ONNX Runtime does.
/// </summary>
internal sealed class OnnxModelWriter
{
    /// <summary>The operator set every test model imports.</summary>
    public const int Opset = 17;

    /// <summary>The IR version that carries opset 17 (ONNX 1.12), so that older runtimes load the models too.</summary>
    public const long IrVersion = 8;

    private const string ProducerName = "Ml.Sdk.Serving.TestModels";

    private readonly GraphProto _graph;

    public OnnxModelWriter(string graphName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(graphName);
        _graph = new GraphProto { Name = graphName };
    }

    public void AddInput(string name, TensorProto.Types.DataType elementType, params ReadOnlySpan<ShapeDimension> shape) =>
        _graph.Input.Add(ValueInfo(name, elementType, shape));

    public void AddOutput(string name, TensorProto.Types.DataType elementType, params ReadOnlySpan<ShapeDimension> shape) =>
        _graph.Output.Add(ValueInfo(name, elementType, shape));

    /// <summary>Adds a float32 constant, stored little-endian in <c>raw_data</c> as the exporter does.</summary>
    public string AddInitializer(string name, ReadOnlySpan<float> values, params ReadOnlySpan<long> dims)
    {
        byte[] raw = new byte[checked(values.Length * sizeof(float))];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * sizeof(float)), values[i]);
        }

        return AddRawInitializer(name, TensorProto.Types.DataType.Float, values.Length, dims, raw);
    }

    /// <summary>Adds an int64 constant (a shape, axes, indices), stored little-endian in <c>raw_data</c>.</summary>
    public string AddInt64Initializer(string name, ReadOnlySpan<long> values, params ReadOnlySpan<long> dims)
    {
        byte[] raw = new byte[checked(values.Length * sizeof(long))];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(i * sizeof(long)), values[i]);
        }

        return AddRawInitializer(name, TensorProto.Types.DataType.Int64, values.Length, dims, raw);
    }

    /// <summary>Adds a default-domain node with one output and returns that output's name.</summary>
    public string AddNode(string opType, string name, IReadOnlyList<string> inputs, string output, params ReadOnlySpan<AttributeProto> attributes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opType);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(output);
        var node = new NodeProto { OpType = opType, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        foreach (AttributeProto attribute in attributes)
        {
            node.Attribute.Add(attribute);
        }

        _graph.Node.Add(node);
        return output;
    }

    public static AttributeProto IntAttribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>Writes the model, creating the file's folder if it is missing and replacing any file there.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = ProducerName,
            ProducerVersion = "1.0",
            Graph = _graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = Opset });
        WriteFile(path, model.ToByteArray());
    }

    /// <summary>Writes raw bytes to a file, creating its folder if it is missing.</summary>
    public static void WriteFile(string path, byte[] bytes)
    {
        string fullPath = Path.GetFullPath(path);
        string? directory = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllBytes(fullPath, bytes);
    }

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType elementType, ReadOnlySpan<ShapeDimension> dims)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var shape = new TensorShapeProto();
        foreach (ShapeDimension dim in dims)
        {
            shape.Dim.Add(dim.ToProto());
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)elementType, Shape = shape } },
        };
    }

    private string AddRawInitializer(string name, TensorProto.Types.DataType dataType, int count, ReadOnlySpan<long> dims, byte[] raw)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        long expected = 1;
        foreach (long dim in dims)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(dim, nameof(dims));
            expected = checked(expected * dim);
        }

        if (expected != count)
        {
            throw new ArgumentException($"Constant '{name}' has {count} values but dimensions [{string.Join(',', dims.ToArray())}].", nameof(dims));
        }

        var tensor = new TensorProto { Name = name, DataType = (int)dataType, RawData = UnsafeByteOperations.UnsafeWrap(raw) };
        tensor.Dims.AddRange(dims.ToArray());
        _graph.Initializer.Add(tensor);
        return name;
    }
}
