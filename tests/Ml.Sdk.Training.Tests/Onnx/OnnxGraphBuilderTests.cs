using Ml.Sdk.Training.Onnx;
using Ml.Sdk.Training.Onnx.Internal.Proto;
using TorchSharp;

namespace Ml.Sdk.Training.Tests.Onnx;

public sealed class OnnxGraphBuilderTests
{
    [Fact]
    public void AddInitializer_SameHintTwice_ReturnsDistinctNames()
    {
        var graph = new OnnxGraphBuilder(new GraphProto(), 17);

        string first = graph.AddInitializer("w", [1f], [1]);
        string second = graph.AddInitializer("w", [2f], [1]);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void AddInitializer_CountDisagreesWithDims_ThrowsArgumentException()
    {
        var graph = new OnnxGraphBuilder(new GraphProto(), 17);

        Assert.Throws<ArgumentException>(() => graph.AddInitializer("shape", [1L, 2L, 3L], [2]));
    }

    [Fact]
    public void AddInitializer_Float64Tensor_ThrowsArgumentException()
    {
        using var scope = torch.NewDisposeScope();
        var graph = new OnnxGraphBuilder(new GraphProto(), 17);

        ArgumentException ex = Assert.Throws<ArgumentException>(() => graph.AddInitializer("w", torch.ones(2, dtype: torch.ScalarType.Float64)));

        Assert.Contains("float32", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddInitializer_Tensor_CopiesShapeAndLittleEndianData()
    {
        using var scope = torch.NewDisposeScope();
        var proto = new GraphProto();
        var graph = new OnnxGraphBuilder(proto, 17);

        graph.AddInitializer("w", torch.tensor(new[] { 1f, 2f, 3f, 4f, 5f, 6f }).reshape(2, 3).t());

        TensorProto tensor = Assert.Single(proto.Initializer);
        Assert.Equal([3L, 2L], tensor.Dims);
        byte[] raw = tensor.RawData.ToByteArray();
        float[] values = Enumerable.Range(0, 6).Select(i => BitConverter.ToSingle(raw, i * 4)).ToArray();
        Assert.Equal([1f, 4f, 2f, 5f, 3f, 6f], values); // the transposed (non-contiguous) view, in row-major order
    }

    [Fact]
    public void AddNode_MultipleOutputs_NamesEachOutputUniquely()
    {
        var proto = new GraphProto();
        var graph = new OnnxGraphBuilder(proto, 17);
        string input = graph.AddInitializer("x", [1f, 2f], [2]);

        IReadOnlyList<string> outputs = graph.AddNode("Split", [input], 2, OnnxAttribute.Int("axis", 0));

        Assert.Equal(2, outputs.Distinct().Count());
        Assert.Equal(outputs, Assert.Single(proto.Node).Output);
    }
}
