using Ml.Sdk.Core.Devices;
using Ml.Sdk.Training.Devices;

namespace Ml.Sdk.Training.Tests.Devices;

public sealed class TorchComputeRuntimeTests
{
    [Fact]
    public void ProbeCuda_CpuBuild_ReportsUnavailableWithInstallHint()
    {
        CudaAvailability cuda = new TorchComputeRuntime().ProbeCuda();

        Assert.False(cuda.IsAvailable);
        Assert.Equal(0, cuda.DeviceCount);
        Assert.Contains("TorchSharp-cuda", cuda.InstallHint, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ExplicitCudaOnCpuBuild_ThrowsNamingWhatToInstall()
    {
        var resolver = new ComputeDeviceResolver();

        ComputeDeviceUnavailableException ex = Assert.Throws<ComputeDeviceUnavailableException>(
            () => resolver.Resolve(ComputeDevice.Cuda(0), new TorchComputeRuntime()));

        Assert.Equal("TorchSharp", ex.RuntimeName);
        Assert.Contains("TorchSharp-cuda", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_AutoOnCpuBuild_FallsBackToCpu()
    {
        DeviceSelection selection = new ComputeDeviceResolver().Resolve(ComputeDevice.Auto, new TorchComputeRuntime());

        Assert.Equal(ComputeDevice.Cpu, selection.Device);
        Assert.Contains("falling back", selection.Reason, StringComparison.Ordinal);
    }
}
