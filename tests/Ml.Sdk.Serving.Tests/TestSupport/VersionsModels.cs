using Ml.Sdk.Serving.TestModels;

namespace Ml.Sdk.Serving.Tests.TestSupport;

/// <summary>
/// Scale models whose factor is their version number, so that an output says which version answered, and the
/// arithmetic to read the factor back.
/// </summary>
internal static class VersionsModels
{
    public const int Width = 4;

    /// <summary>A row whose elements are all non-zero, so that every output element tells the factor.</summary>
    public static float[] Row { get; } = [1f, 2f, 3f, 4f];

    /// <summary>Writes <c>y = x * factor</c> of width <see cref="Width"/> under <paramref name="folder"/>.</summary>
    public static string WriteScale(string folder, string fileName, float factor)
    {
        string path = Path.Combine(folder, fileName);
        OnnxTestModels.WriteScale(path, Width, factor);
        return path;
    }

    /// <summary>Writes version <paramref name="version"/> of a model as a scale by <paramref name="version"/>.</summary>
    public static string WriteVersion(string folder, string model, int version) =>
        WriteScale(folder, $"{model}-v{version}.onnx", version);

    /// <summary>Writes a model that loads and then fails every run (so it fails its warm-up), with the scale models' signature.</summary>
    public static string WriteFailsAtRun(string folder, string fileName)
    {
        string path = Path.Combine(folder, fileName);
        OnnxTestModels.WriteFailsAtRun(path, Width);
        return path;
    }

    /// <summary>Writes bytes that are not an ONNX model.</summary>
    public static string WriteCorrupt(string folder, string fileName)
    {
        string path = Path.Combine(folder, fileName);
        OnnxTestModels.WriteCorrupt(path);
        return path;
    }

    /// <summary>Reads the factor an output row was scaled by; throws if the elements do not agree on one factor.</summary>
    public static float FactorOf(ReadOnlySpan<float> input, ReadOnlySpan<float> output)
    {
        if (input.Length == 0 || output.Length < input.Length)
        {
            throw new InvalidOperationException($"Cannot read a factor from {input.Length} inputs and {output.Length} outputs.");
        }

        float factor = output[0] / input[0];
        for (int i = 1; i < input.Length; i++)
        {
            float element = output[i] / input[i];
            if (MathF.Abs(element - factor) > 1e-4f * MathF.Max(1f, MathF.Abs(factor)))
            {
                throw new InvalidOperationException(
                    $"The output [{string.Join(", ", output.ToArray())}] is not the input [{string.Join(", ", input.ToArray())}] times one factor.");
            }
        }

        return factor;
    }

    /// <summary>Runs one row through the client and returns the version that answered and the factor its output shows.</summary>
    public static async Task<(int Version, float Factor)> InferAsync(IModelClient client, InferenceOptions? options = null)
    {
        float[] output = new float[Width];
        InferenceResult result = await client.InferAsync<float, float>(Row, output, options);
        return (result.Version, FactorOf(Row, output));
    }

    /// <summary>Runs one row through the general request path and returns the version and factor.</summary>
    public static async Task<(int Version, float Factor)> InferGeneralAsync(IModelClient client, InferenceOptions? options = null)
    {
        var request = new InferenceRequest { Options = options ?? InferenceOptions.Default }.AddInput<float>("x", Row, 1, Width);
        using InferenceResponse response = await client.InferAsync(request);
        return (response.Version, FactorOf(Row, response["y"].GetData<float>()));
    }
}
