using Microsoft.ML.OnnxRuntime;
using Ml.Sdk.Serving.TestModels;

namespace Ml.Sdk.Serving.Benchmarks;

/// <summary>
/// The baseline: the call an ONNX Runtime user writes by hand for one row. Wrap the caller's array as a tensor (pinned,
/// not copied), run the shared session, copy the output into the caller's array, dispose the values.
/// </summary>
internal static class RawOnnxRuntimeCall
{
    private static readonly string[] s_inputNames = [MlpModel.InputName];
    private static readonly string[] s_outputNames = [MlpModel.OutputName];
    private static readonly long[] s_shape = [1, MlpBenchmarkModel.InputWidth];

    /// <summary>A session as a user creates one: default options (all graph optimizations, ONNX Runtime's own threads).</summary>
    public static InferenceSession CreateSession(string path) => new(path);

    public static void Infer(InferenceSession session, RunOptions runOptions, float[] input, float[] output)
    {
        using OrtValue value = OrtValue.CreateTensorValueFromMemory(input, s_shape);
        using IDisposableReadOnlyCollection<OrtValue> results = session.Run(runOptions, s_inputNames, [value], s_outputNames);
        results[0].GetTensorDataAsSpan<float>().CopyTo(output);
    }
}
