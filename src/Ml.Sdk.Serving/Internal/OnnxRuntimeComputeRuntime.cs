using Microsoft.ML.OnnxRuntime;
using Ml.Sdk.Core.Devices;

namespace Ml.Sdk.Serving.Internal;

/// <summary>ONNX Runtime as Core's device resolver sees it: CUDA is usable when the GPU native package is present and a GPU is visible.</summary>
internal sealed class OnnxRuntimeComputeRuntime : IComputeRuntime
{
    public const string CudaProvider = "CUDAExecutionProvider";

    private readonly Func<string[]> _providers;
    private readonly Func<(int DeviceCount, string Detail)> _devices;

    public OnnxRuntimeComputeRuntime()
        : this(static () => OrtEnv.Instance().GetAvailableProviders(), CudaDriverProbe.CountDevices)
    {
    }

    internal OnnxRuntimeComputeRuntime(Func<string[]> providers, Func<(int DeviceCount, string Detail)> devices)
    {
        _providers = providers;
        _devices = devices;
    }

    public string Name => "ONNX Runtime";

    public CudaAvailability ProbeCuda()
    {
        string[] providers = _providers();
        if (!providers.Contains(CudaProvider, StringComparer.Ordinal))
        {
            return CudaAvailability.Unavailable(
                $"this ONNX Runtime build has no CUDA execution provider (it has {string.Join(", ", providers)})",
                "Reference Microsoft.ML.OnnxRuntime.Gpu (or .Gpu.Linux / .Gpu.Windows) instead of Microsoft.ML.OnnxRuntime, with CUDA 12 and cuDNN 9 installed.");
        }

        (int count, string detail) = _devices();
        return count > 0
            ? CudaAvailability.Available(count, $"CUDA execution provider present; {detail}")
            : CudaAvailability.Unavailable($"the CUDA execution provider is present but {detail}", "Check the NVIDIA driver and CUDA_VISIBLE_DEVICES.");
    }
}
