using Ml.Sdk.Core.Devices;
using Ml.Sdk.Serving.Internal;

namespace Ml.Sdk.Serving.Tests.Devices;

public sealed class OnnxRuntimeComputeRuntimeTests
{
    private static OnnxRuntimeComputeRuntime Runtime(string[] providers, int devices, Action? counted = null) =>
        new(() => providers, () =>
        {
            counted?.Invoke();
            return (devices, $"the driver sees {devices} device(s)");
        });

    [Fact]
    public void ProbeCuda_NoCudaProvider_UnavailableWithTheGpuPackageAsInstallHint()
    {
        int probes = 0;
        OnnxRuntimeComputeRuntime runtime = Runtime(["CPUExecutionProvider"], 2, () => probes++);

        CudaAvailability cuda = runtime.ProbeCuda();

        Assert.False(cuda.IsAvailable);
        Assert.Equal(0, cuda.DeviceCount);
        Assert.Contains("no CUDA execution provider", cuda.Detail, StringComparison.Ordinal);
        Assert.Contains("CPUExecutionProvider", cuda.Detail, StringComparison.Ordinal);
        Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu", cuda.InstallHint, StringComparison.Ordinal);
        Assert.Equal(0, probes);
    }

    [Fact]
    public void ProbeCuda_ProviderPresentButNoDevice_UnavailableWithADriverHint()
    {
        CudaAvailability cuda = Runtime(["CUDAExecutionProvider", "CPUExecutionProvider"], 0).ProbeCuda();

        Assert.False(cuda.IsAvailable);
        Assert.Equal(0, cuda.DeviceCount);
        Assert.Contains("the driver sees 0 device(s)", cuda.Detail, StringComparison.Ordinal);
        Assert.Contains("NVIDIA driver", cuda.InstallHint, StringComparison.Ordinal);
    }

    [Fact]
    public void ProbeCuda_ProviderPresentWithTwoDevices_AvailableWithTwo()
    {
        CudaAvailability cuda = Runtime(["CUDAExecutionProvider", "CPUExecutionProvider"], 2).ProbeCuda();

        Assert.True(cuda.IsAvailable);
        Assert.Equal(2, cuda.DeviceCount);
        Assert.Contains("the driver sees 2 device(s)", cuda.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ProbeCuda_TheCpuPackageThisProjectReferences_Unavailable()
    {
        var runtime = new OnnxRuntimeComputeRuntime();

        CudaAvailability cuda = runtime.ProbeCuda();

        Assert.Equal("ONNX Runtime", runtime.Name);
        Assert.False(cuda.IsAvailable);
        Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu", cuda.InstallHint, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_TwoDevices_AutoPicksTheFirstAndAnExplicitOrdinalIsChecked()
    {
        var resolver = new ComputeDeviceResolver();
        OnnxRuntimeComputeRuntime runtime = Runtime(["CUDAExecutionProvider"], 2);

        Assert.Equal(ComputeDevice.Cuda(0), resolver.Resolve(ComputeDevice.Auto, runtime).Device);
        Assert.Equal(ComputeDevice.Cuda(1), resolver.Resolve(ComputeDevice.Cuda(1), runtime).Device);
        Assert.Equal(ComputeDevice.Cpu, resolver.Resolve(ComputeDevice.Cpu, runtime).Device);
        var ex = Assert.Throws<ComputeDeviceUnavailableException>(() => resolver.Resolve(ComputeDevice.Cuda(2), runtime));
        Assert.Contains("only 2 CUDA device(s)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NoCudaProvider_AutoFallsBackToTheCpuAndExplicitCudaSaysWhatToInstall()
    {
        var resolver = new ComputeDeviceResolver();
        OnnxRuntimeComputeRuntime runtime = Runtime(["CPUExecutionProvider"], 0);

        Assert.Equal(ComputeDevice.Cpu, resolver.Resolve(ComputeDevice.Auto, runtime).Device);
        var ex = Assert.Throws<ComputeDeviceUnavailableException>(() => resolver.Resolve(ComputeDevice.Cuda(), runtime));
        Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu", ex.Message, StringComparison.Ordinal);
        Assert.Equal("ONNX Runtime", ex.RuntimeName);
    }

    [Fact]
    public void Resolve_DeviceProbeThrows_AutoFallsBackToTheCpu()
    {
        var resolver = new ComputeDeviceResolver();
        var runtime = new OnnxRuntimeComputeRuntime(static () => ["CUDAExecutionProvider"], static () => throw new DllNotFoundException("libcuda.so.1"));

        Assert.Equal(ComputeDevice.Cpu, resolver.Resolve(ComputeDevice.Auto, runtime).Device);
        var ex = Assert.Throws<ComputeDeviceUnavailableException>(() => resolver.Resolve(ComputeDevice.Cuda(), runtime));
        Assert.Contains("libcuda.so.1", ex.Message, StringComparison.Ordinal);
    }
}
