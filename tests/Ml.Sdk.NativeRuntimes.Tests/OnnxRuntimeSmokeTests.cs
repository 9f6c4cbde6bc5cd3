using Microsoft.ML.OnnxRuntime;
using Ml.Sdk.Core.NativeRuntimes;

namespace Ml.Sdk.NativeRuntimes.Tests;

public class OnnxRuntimeSmokeTests
{
    [Fact]
    public void NativeLibraryProbe_OnnxRuntime_Loads()
    {
        NativeLibraryLoadResult result = NativeLibraryProbe.EnsureLoaded("libonnxruntime.so", "ONNX Runtime");

        Assert.True(result.IsLoaded);
    }

    [Fact]
    public void InferenceSession_AddModel_AddsThroughOrtValues()
    {
        using var session = new InferenceSession(OnnxModelBytes.AddModel());
        float[] x = [1f, 2f, 3f];
        float[] y = [10f, 20f, 30f];
        using OrtValue xValue = OrtValue.CreateTensorValueFromMemory(x, [3]);
        using OrtValue yValue = OrtValue.CreateTensorValueFromMemory(y, [3]);
        using var runOptions = new RunOptions();

        using IDisposableReadOnlyCollection<OrtValue> outputs = session.Run(runOptions, ["X", "Y"], [xValue, yValue], ["Z"]);

        Assert.Equal([11f, 22f, 33f], outputs[0].GetTensorDataAsSpan<float>().ToArray());
        Assert.Contains("CPUExecutionProvider", OrtEnv.Instance().GetAvailableProviders());
    }
}
