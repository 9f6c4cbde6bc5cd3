namespace Ml.Sdk.Serving.TestModels;

/// <summary>
/// A multilayer perceptron written by <see cref="OnnxTestModels.WriteMlp"/>: its layer sizes, its weights, and a plain
/// C# forward pass to check ONNX Runtime's outputs against.
/// </summary>
/// <remarks>
/// Layer <c>i</c> maps <c>LayerSizes[i]</c> features to <c>LayerSizes[i + 1]</c> as <c>Gemm(x, W, b, transB=1)</c>,
/// followed by <c>Relu</c> on every layer but the last.
/// </remarks>
public sealed class MlpModel
{
    /// <summary>The name of the model's only input, float32 <c>[batch, LayerSizes[0]]</c>.</summary>
    public const string InputName = "features";

    /// <summary>The name of the model's only output, float32 <c>[batch, LayerSizes[^1]]</c>.</summary>
    public const string OutputName = "logits";

    private readonly int[] _layerSizes;
    private readonly System.Collections.ObjectModel.ReadOnlyCollection<int> _layerSizesView;
    private readonly float[][] _weights;
    private readonly float[][] _biases;

    internal MlpModel(int[] layerSizes, float[][] weights, float[][] biases)
    {
        _layerSizes = layerSizes;
        _layerSizesView = Array.AsReadOnly(layerSizes);
        _weights = weights;
        _biases = biases;
    }

    /// <summary>Gets the width of every layer, input first and output last, e.g. <c>[32, 64, 64, 10]</c>.</summary>
    public IReadOnlyList<int> LayerSizes => _layerSizesView;

    /// <summary>Gets the number of <c>Gemm</c> layers, one less than the number of sizes.</summary>
    public int LayerCount => _weights.Length;

    /// <summary>Gets the number of features in one input row.</summary>
    public int InputWidth => _layerSizes[0];

    /// <summary>Gets the number of values in one output row.</summary>
    public int OutputWidth => _layerSizes[^1];

    /// <summary>Gets the weight matrix of a layer, row-major <c>[out, in]</c> (the <c>Gemm</c> runs with <c>transB=1</c>).</summary>
    /// <param name="layer">The layer, from zero.</param>
    /// <returns>The <c>LayerSizes[layer + 1] * LayerSizes[layer]</c> weights.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> is not a layer of the model.</exception>
    public ReadOnlySpan<float> GetWeights(int layer)
    {
        CheckLayer(layer);
        return _weights[layer];
    }

    /// <summary>Gets the bias of a layer.</summary>
    /// <param name="layer">The layer, from zero.</param>
    /// <returns>The <c>LayerSizes[layer + 1]</c> biases.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> is not a layer of the model.</exception>
    public ReadOnlySpan<float> GetBias(int layer)
    {
        CheckLayer(layer);
        return _biases[layer];
    }

    /// <summary>Runs the model on rows in plain C#, as a reference for ONNX Runtime's output.</summary>
    /// <param name="rows">The input, row-major <c>[rowCount, InputWidth]</c>.</param>
    /// <param name="rowCount">The number of rows.</param>
    /// <returns>The output, row-major <c>[rowCount, OutputWidth]</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowCount"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="rows"/> does not hold <c>rowCount * InputWidth</c> values.</exception>
    public float[] Forward(ReadOnlySpan<float> rows, int rowCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        if (rows.Length != (long)rowCount * InputWidth)
        {
            throw new ArgumentException($"{rowCount} rows of {InputWidth} features need {(long)rowCount * InputWidth} values, not {rows.Length}.", nameof(rows));
        }

        float[] current = rows.ToArray();
        for (int layer = 0; layer < LayerCount; layer++)
        {
            int fanIn = _layerSizes[layer];
            int fanOut = _layerSizes[layer + 1];
            float[] weights = _weights[layer];
            float[] bias = _biases[layer];
            bool relu = layer < LayerCount - 1;
            float[] next = new float[rowCount * fanOut];
            for (int row = 0; row < rowCount; row++)
            {
                ReadOnlySpan<float> input = current.AsSpan(row * fanIn, fanIn);
                for (int o = 0; o < fanOut; o++)
                {
                    ReadOnlySpan<float> w = weights.AsSpan(o * fanIn, fanIn);

                    // Accumulated in double: the reference is the exact sum rounded once, whatever order ORT sums in.
                    double sum = bias[o];
                    for (int i = 0; i < fanIn; i++)
                    {
                        sum += (double)input[i] * w[i];
                    }

                    float value = (float)sum;
                    next[(row * fanOut) + o] = relu && value < 0f ? 0f : value;
                }
            }

            current = next;
        }

        return current;
    }

    private void CheckLayer(int layer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layer);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(layer, LayerCount);
    }
}
