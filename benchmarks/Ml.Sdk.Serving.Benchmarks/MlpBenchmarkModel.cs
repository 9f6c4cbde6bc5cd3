using Ml.Sdk.Serving.TestModels;

namespace Ml.Sdk.Serving.Benchmarks;

/// <summary>
/// The model every serving scenario runs: a 32 → 64 → 64 → 10 ReLU MLP written by <see cref="OnnxTestModels.WriteMlp"/>
/// from a fixed seed into a temporary folder of this process (input <c>features</c> float32 [batch, 32], output
/// <c>logits</c> float32 [batch, 10]), with seeded input rows and a check of outputs against the model's own forward pass.
/// </summary>
internal sealed class MlpBenchmarkModel : IDisposable
{
    public const int InputWidth = 32;
    public const int OutputWidth = 10;
    public const int Seed = 7;

    private readonly string _folder;

    public MlpBenchmarkModel()
    {
        _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ml-sdk-serving-benchmarks", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        Path = System.IO.Path.Combine(_folder, "mlp.onnx");
        Model = OnnxTestModels.WriteMlp(Path, [InputWidth, 64, 64, OutputWidth], Seed);
    }

    /// <summary>Gets the model file.</summary>
    public string Path { get; }

    /// <summary>Gets the model's weights and reference forward pass.</summary>
    public MlpModel Model { get; }

    /// <summary>One input row, uniform on [-2, 2), seeded by the caller's number: every caller sends its own row.</summary>
    public static float[] Row(int caller)
    {
        var random = new Random(1000 + caller);
        float[] row = new float[InputWidth];
        for (int i = 0; i < row.Length; i++)
        {
            row[i] = (float)((random.NextDouble() * 4) - 2);
        }

        return row;
    }

    /// <summary>Throws unless <paramref name="output"/> is the model's output for <paramref name="row"/>.</summary>
    public void Verify(string what, float[] row, ReadOnlySpan<float> output)
    {
        float[] expected = Model.Forward(row, 1);
        if (output.Length < expected.Length)
        {
            throw new InvalidOperationException($"{what}: {output.Length} outputs, expected {expected.Length}.");
        }

        for (int i = 0; i < expected.Length; i++)
        {
            if (!(MathF.Abs(output[i] - expected[i]) <= 1e-4f * (1 + MathF.Abs(expected[i]))))
            {
                throw new InvalidOperationException($"{what}: logit {i} is {output[i]}, expected {expected[i]}.");
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
