using Ml.Sdk.Serving.TestModels.Internal;
using Ml.Sdk.Training.Onnx.Internal.Proto;

namespace Ml.Sdk.Serving.TestModels;

/// <summary>
/// Writes small ONNX models (IR version 8, opset 17) for the serving tests and benchmarks, straight from protobuf.
/// A dimension named <c>batch</c> is dynamic (an ONNX <c>dim_param</c>); every other dimension is fixed unless said.
/// </summary>
/// <remarks>
/// Each method creates the file's folder when it is missing and replaces a file already at the path. The same
/// arguments always give the same bytes: weights come from seeded <see cref="Random"/> instances.
/// </remarks>
public static class OnnxTestModels
{
    /// <summary>The name of every dynamic batch dimension.</summary>
    public const string BatchDimension = "batch";

    // WriteSlow has no seed parameter; its weight is fixed so that every run times the same arithmetic.
    private const int SlowWeightSeed = 17;

    private static readonly TensorProto.Types.DataType s_float = TensorProto.Types.DataType.Float;
    private static readonly TensorProto.Types.DataType s_int64 = TensorProto.Types.DataType.Int64;

    /// <summary>
    /// Writes a multilayer perceptron: input <c>features</c> float32 <c>[batch, layerSizes[0]]</c>, then per layer a
    /// <c>Gemm</c> (<c>transB=1</c>) followed by <c>Relu</c> except after the last, giving output <c>logits</c>
    /// float32 <c>[batch, layerSizes[^1]]</c>.
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="layerSizes">The layer widths, input first and output last, e.g. <c>[32, 64, 64, 10]</c>.</param>
    /// <param name="seed">The seed of the weights, drawn uniformly in ±1/sqrt(fan-in) as <c>nn.Linear</c> does.</param>
    /// <returns>The model's sizes and weights, with a reference forward pass.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="layerSizes"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="path"/> is empty, or <paramref name="layerSizes"/> has fewer than two sizes or a size below one.
    /// </exception>
    public static MlpModel WriteMlp(string path, int[] layerSizes, int seed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(layerSizes);
        if (layerSizes.Length < 2)
        {
            throw new ArgumentException("An MLP needs an input size and an output size at least.", nameof(layerSizes));
        }

        foreach (int size in layerSizes)
        {
            if (size < 1)
            {
                throw new ArgumentException($"Layer sizes must be positive; got [{string.Join(',', layerSizes)}].", nameof(layerSizes));
            }
        }

        int[] sizes = (int[])layerSizes.Clone();
        int layerCount = sizes.Length - 1;
        var random = new Random(seed);
        float[][] weights = new float[layerCount][];
        float[][] biases = new float[layerCount][];
        var writer = new OnnxModelWriter("mlp");
        writer.AddInput(MlpModel.InputName, s_float, BatchDimension, sizes[0]);
        string current = MlpModel.InputName;
        for (int layer = 0; layer < layerCount; layer++)
        {
            int fanIn = sizes[layer];
            int fanOut = sizes[layer + 1];
            float bound = 1f / MathF.Sqrt(fanIn);
            weights[layer] = Uniform(random, fanOut * fanIn, bound);
            biases[layer] = Uniform(random, fanOut, bound);
            string w = writer.AddInitializer($"layer{layer}.weight", weights[layer], fanOut, fanIn);
            string b = writer.AddInitializer($"layer{layer}.bias", biases[layer], fanOut);
            bool last = layer == layerCount - 1;
            string gemm = writer.AddNode(
                "Gemm",
                $"layer{layer}/Gemm",
                [current, w, b],
                last ? MlpModel.OutputName : $"layer{layer}/Gemm_output",
                OnnxModelWriter.IntAttribute("transB", 1));
            current = last ? gemm : writer.AddNode("Relu", $"layer{layer}/Relu", [gemm], $"layer{layer}/Relu_output");
        }

        writer.AddOutput(MlpModel.OutputName, s_float, BatchDimension, sizes[^1]);
        writer.Save(path);
        return new MlpModel(sizes, weights, biases);
    }

    /// <summary>
    /// Writes <c>y = x * factor</c>: input <c>x</c> float32 <c>[batch, width]</c>, output <c>y</c> float32
    /// <c>[batch, width]</c>, a <c>Mul</c> by a scalar constant. Versions of a model differ by their factor.
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="width">The number of features in a row.</param>
    /// <param name="factor">The factor every element is multiplied by.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> is below one.</exception>
    public static void WriteScale(string path, int width, float factor) =>
        WriteScaleModel(path, "scale", BatchDimension, width, factor);

    /// <summary>
    /// Writes <c>y = x * factor</c> with no batch dimension to stack on: input <c>x</c> float32 <c>[1, width]</c>,
    /// output <c>y</c> float32 <c>[1, width]</c>.
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="width">The number of features in the one row.</param>
    /// <param name="factor">The factor every element is multiplied by.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> is below one.</exception>
    public static void WriteFixedBatch(string path, int width, float factor) =>
        WriteScaleModel(path, "fixed_batch", 1, width, factor);

    /// <summary>
    /// Writes a model of two inputs of different element types and two outputs: inputs <c>x</c> float32
    /// <c>[batch, 3]</c> and <c>ids</c> int64 <c>[batch, 1]</c>; outputs <c>y</c> float32 <c>[batch, 3]</c>
    /// <c>= x * (float)ids</c> (broadcast along the row) and <c>sum</c> float32 <c>[batch, 1]</c>, the row sums of
    /// <c>y</c>.
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static void WriteTwoInputs(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var writer = new OnnxModelWriter("two_inputs");
        writer.AddInput("x", s_float, BatchDimension, 3);
        writer.AddInput("ids", s_int64, BatchDimension, 1);
        string idsAsFloat = writer.AddNode("Cast", "Cast", ["ids"], "ids_float", OnnxModelWriter.IntAttribute("to", (long)s_float));
        string y = writer.AddNode("Mul", "Mul", ["x", idsAsFloat], "y");

        // Opset 13 moved ReduceSum's axes from an attribute to an int64 input.
        string axes = writer.AddInt64Initializer("sum_axes", [1], 1);
        writer.AddNode("ReduceSum", "ReduceSum", [y, axes], "sum", OnnxModelWriter.IntAttribute("keepdims", 1));
        writer.AddOutput("y", s_float, BatchDimension, 3);
        writer.AddOutput("sum", s_float, BatchDimension, 1);
        writer.Save(path);
    }

    /// <summary>
    /// Writes a model that loads but fails on every run: input <c>x</c> float32 <c>[batch, width]</c>, output
    /// <c>y</c> float32 <c>[batch, width]</c>, a <c>Gather</c> along axis 1 whose constant indices all equal
    /// <paramref name="width"/>, one past the last column, which ONNX Runtime rejects when the node runs.
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="width">The number of features in a row.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> is below one.</exception>
    public static void WriteFailsAtRun(string path, int width)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        var writer = new OnnxModelWriter("fails_at_run");
        writer.AddInput("x", s_float, BatchDimension, width);

        // Shape inference never looks at index values, so the model loads; the kernel checks each index against the
        // axis length at run time, whatever the batch size.
        long[] indices = new long[width];
        Array.Fill(indices, width);
        string outOfRange = writer.AddInt64Initializer("out_of_range_indices", indices, width);
        writer.AddNode("Gather", "Gather", ["x", outOfRange], "y", OnnxModelWriter.IntAttribute("axis", 1));
        writer.AddOutput("y", s_float, BatchDimension, width);
        writer.Save(path);
    }

    /// <summary>
    /// Writes a model whose run takes measurable time: input <c>x</c> float32 <c>[batch, width]</c>, output <c>y</c>
    /// float32 <c>[batch, width]</c>, through <paramref name="repeats"/> chained <c>MatMul</c> nodes by one seeded
    /// dense <c>[width, width]</c> weight, a rotation, so that a row keeps its norm however many repeats there are.
    /// </summary>
    /// <remarks>
    /// A run costs about <c>batch * repeats * width * width</c> multiply-adds, plus a few microseconds per node. On a
    /// 2-core x64 machine with ONNX Runtime 1.31: width 256 with 40 repeats ran in about 0.1-0.4 ms for one row and
    /// 2 ms for 64 rows; width 256 with 1000 repeats in about 3 ms for one row; width 1024 with 40 repeats in about
    /// 2.3 ms for one row (a 4 MB file). The weight is shared by every node, so repeats barely grow the file.
    /// </remarks>
    /// <param name="path">The file to write.</param>
    /// <param name="width">The number of features in a row, and the size of the square weight.</param>
    /// <param name="repeats">The number of <c>MatMul</c> nodes in the chain.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> or <paramref name="repeats"/> is below one.</exception>
    public static void WriteSlow(string path, int width, int repeats)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);

        float[] weight = Rotation(new Random(SlowWeightSeed), width);
        var writer = new OnnxModelWriter("slow");
        writer.AddInput("x", s_float, BatchDimension, width);
        string w = writer.AddInitializer("weight", weight, width, width);
        string current = "x";
        for (int i = 0; i < repeats; i++)
        {
            current = writer.AddNode("MatMul", $"MatMul_{i}", [current, w], i == repeats - 1 ? "y" : $"MatMul_{i}_output");
        }

        writer.AddOutput("y", s_float, BatchDimension, width);
        writer.Save(path);
    }

    /// <summary>
    /// Writes <c>y = x * 2</c> where both dimensions are dynamic, so rows of different requests cannot be stacked:
    /// input <c>x</c> float32 <c>[batch, n]</c>, output <c>y</c> float32 <c>[batch, n]</c> (<c>batch</c> and
    /// <c>n</c> both <c>dim_param</c>).
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static void WriteDynamicFeatures(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var writer = new OnnxModelWriter("dynamic_features");
        writer.AddInput("x", s_float, BatchDimension, "n");
        string two = writer.AddInitializer("two", [2f]);
        writer.AddNode("Mul", "Mul", ["x", two], "y");
        writer.AddOutput("y", s_float, BatchDimension, "n");
        writer.Save(path);
    }

    /// <summary>Writes bytes that are not an ONNX model, so that loading the file fails.</summary>
    /// <param name="path">The file to write.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static void WriteCorrupt(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);

        // 0xFF opens a protobuf tag with wire type 7, which does not exist, so no reader can take it for a model.
        byte[] bytes = [0xFF, 0xFF, 0xFF, 0xFF, .. "this is not an ONNX model"u8];
        OnnxModelWriter.WriteFile(path, bytes);
    }

    private static void WriteScaleModel(string path, string graphName, ShapeDimension batch, int width, float factor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        var writer = new OnnxModelWriter(graphName);
        writer.AddInput("x", s_float, batch, width);
        string scalar = writer.AddInitializer("factor", [factor]);
        writer.AddNode("Mul", "Mul", ["x", scalar], "y");
        writer.AddOutput("y", s_float, batch, width);
        writer.Save(path);
    }

    /// <summary>
    /// A seeded rotation <c>(I - 2uu^T)(I - 2vv^T)</c> of two random unit vectors: dense, so every <c>MatMul</c> by it
    /// does the full <c>width * width</c> work per row, and orthogonal, so a row keeps its norm through any number of
    /// repeats (the same weight applied again and again would otherwise grow or shrink rows geometrically).
    /// </summary>
    private static float[] Rotation(Random random, int width)
    {
        double[] u = UnitVector(random, width);
        double[] v = UnitVector(random, width);
        double uv = 0;
        for (int i = 0; i < width; i++)
        {
            uv += u[i] * v[i];
        }

        float[] rotation = new float[width * width];
        for (int i = 0; i < width; i++)
        {
            for (int j = 0; j < width; j++)
            {
                double identity = i == j ? 1.0 : 0.0;
                rotation[(i * width) + j] = (float)(identity - (2 * u[i] * u[j]) - (2 * v[i] * v[j]) + (4 * uv * u[i] * v[j]));
            }
        }

        return rotation;
    }

    private static double[] UnitVector(Random random, int width)
    {
        double[] vector = new double[width];
        double norm = 0;
        while (norm == 0)
        {
            for (int i = 0; i < width; i++)
            {
                vector[i] = (random.NextDouble() * 2.0) - 1.0;
                norm += vector[i] * vector[i];
            }
        }

        norm = Math.Sqrt(norm);
        for (int i = 0; i < width; i++)
        {
            vector[i] /= norm;
        }

        return vector;
    }

    private static float[] Uniform(Random random, int count, float bound)
    {
        float[] values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)(((random.NextDouble() * 2.0) - 1.0) * bound);
        }

        return values;
    }
}
