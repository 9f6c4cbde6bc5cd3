using Microsoft.ML.OnnxRuntime;
using Ml.Sdk.Core.Tensors;
using Ml.Sdk.Training.Onnx;
using TorchSharp;

namespace Ml.Sdk.Training.Tests.Onnx;

/// <summary>Exports a model, runs it in ONNX Runtime and compares with TorchSharp's eval-mode forward pass.</summary>
internal static class OrtComparison
{
    public const string InputName = "input";
    private const double RelativeTolerance = 1e-4;

    public static OnnxExportOptions Options(long[] featureShape, int opset = OnnxExportOptions.MinOpset) =>
        new() { Input = new TensorSpec(InputName, TensorElementType.Float32, [TensorSpec.DynamicDimension, .. featureShape]), Opset = opset };

    public static byte[] Export(torch.nn.Module<torch.Tensor, torch.Tensor> model, OnnxExportOptions options, out OnnxExportResult result)
    {
        using var stream = new MemoryStream();
        result = new OnnxExporter().Export(model, stream, options);
        return stream.ToArray();
    }

    /// <summary>Asserts that ONNX Runtime and TorchSharp agree for batch sizes 1 and 3 (so the batch is dynamic).</summary>
    public static OnnxExportResult AssertOrtMatchesTorch(
        torch.nn.Module<torch.Tensor, torch.Tensor> model, long[] featureShape, int seed = 11, OnnxExportOptions? options = null)
    {
        options ??= Options(featureShape);
        byte[] bytes = Export(model, options, out OnnxExportResult result);
        using var session = new InferenceSession(bytes);
        foreach (int batch in new[] { 1, 3 })
        {
            AssertBatchMatches(model, session, [batch, .. featureShape], seed + batch, options.OutputName);
        }

        return result;
    }

    /// <summary>Returns a description of the first mismatch, or <see langword="null"/> when all outputs agree.</summary>
    public static string? FindMismatch(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
    {
        if (actual.Length != expected.Length)
        {
            return $"ONNX Runtime gave {actual.Length} values, TorchSharp {expected.Length}.";
        }

        for (int i = 0; i < actual.Length; i++)
        {
            double difference = Math.Abs((double)actual[i] - expected[i]);
            if (!(difference <= RelativeTolerance * Math.Max(1.0, Math.Abs((double)expected[i]))))
            {
                return $"Element {i}: ONNX Runtime {actual[i]:R}, TorchSharp {expected[i]:R}.";
            }
        }

        return null;
    }

    private static void AssertBatchMatches(
        torch.nn.Module<torch.Tensor, torch.Tensor> model, InferenceSession session, long[] shape, int seed, string outputName)
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new torch.Generator((ulong)seed);
        torch.Tensor x = torch.randn(shape, generator: generator);
        float[] input = x.data<float>().ToArray();

        bool wasTraining = model.training;
        model.eval();
        torch.Tensor y;
        using (torch.no_grad())
        {
            y = model.call(x);
        }

        model.train(wasTraining);
        float[] expected = y.data<float>().ToArray();

        using OrtValue value = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> outputs = session.Run(runOptions, [InputName], [value], [outputName]);
        Assert.Equal(y.shape, outputs[0].GetTensorTypeAndShape().Shape);
        string? mismatch = FindMismatch(outputs[0].GetTensorDataAsSpan<float>(), expected);
        Assert.True(mismatch is null, $"Batch {shape[0]}: {mismatch}");
    }
}
