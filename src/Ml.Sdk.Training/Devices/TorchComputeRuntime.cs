using Ml.Sdk.Core.Devices;
using TorchSharp;

namespace Ml.Sdk.Training.Devices;

/// <summary>
/// TorchSharp's libtorch as a <see cref="IComputeRuntime"/>: CUDA is usable when the loaded libtorch is a CUDA build
/// and sees at least one GPU. Used by the trainer through Core's <see cref="ComputeDeviceResolver"/>.
/// </summary>
public sealed class TorchComputeRuntime : IComputeRuntime
{
    private const string InstallHint =
        "Reference a CUDA build of libtorch (the TorchSharp-cuda-linux or TorchSharp-cuda-windows package) instead of " +
        "TorchSharp-cpu, and install an NVIDIA driver that supports its CUDA version.";

    /// <inheritdoc />
    public string Name => "TorchSharp";

    /// <inheritdoc />
    public CudaAvailability ProbeCuda()
    {
        bool available;
        int count;
        try
        {
            available = torch.cuda.is_available();
            count = available ? torch.cuda.device_count() : 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or NotSupportedException or InvalidOperationException)
        {
            return CudaAvailability.Unavailable($"libtorch could not be loaded: {ex.Message}", InstallHint);
        }

        return available && count > 0
            ? CudaAvailability.Available(count, $"libtorch reports {count} CUDA device(s)")
            : CudaAvailability.Unavailable("the loaded libtorch is a CPU-only build or no GPU is visible", InstallHint);
    }
}
