using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Ml.Sdk.Core.Devices;

namespace Ml.Sdk.Core.Tests.Devices;

public class ComputeDeviceResolverTests
{
    private static readonly CudaAvailability s_noCuda =
        CudaAvailability.Unavailable("the CPU-only native package is loaded", "Reference the CUDA native package instead.");

    private readonly FakeLogger<ComputeDeviceResolver> _logger = new();

    [Fact]
    public void Resolve_AutoWithoutCuda_FallsBackToCpuAndLogsWhy()
    {
        var resolver = new ComputeDeviceResolver(_logger);

        DeviceSelection selection = resolver.Resolve(ComputeDevice.Auto, new FakeComputeRuntime(() => s_noCuda));

        Assert.Equal(ComputeDevice.Cpu, selection.Device);
        Assert.False(selection.IsCuda);
        Assert.Contains("CPU-only native package", selection.Reason, StringComparison.Ordinal);
        FakeLogRecord record = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Information, record.Level);
        Assert.Contains("FakeRuntime", record.Message, StringComparison.Ordinal);
        Assert.Contains("using cpu", record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_AutoWithCuda_PicksFirstGpu()
    {
        var resolver = new ComputeDeviceResolver(_logger);

        DeviceSelection selection = resolver.Resolve(ComputeDevice.Auto, new FakeComputeRuntime(() => CudaAvailability.Available(2, "CUDA 12.4")));

        Assert.Equal(ComputeDevice.Cuda(0), selection.Device);
        Assert.True(selection.IsCuda);
        Assert.Contains("using cuda:0", _logger.LatestRecord.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ExplicitCudaWithoutCuda_ThrowsSayingWhatToInstall()
    {
        var resolver = new ComputeDeviceResolver(_logger);

        var ex = Assert.Throws<ComputeDeviceUnavailableException>(
            () => resolver.Resolve(ComputeDevice.Cuda(0), new FakeComputeRuntime(() => s_noCuda)));

        Assert.Contains("FakeRuntime cannot use cuda:0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Reference the CUDA native package", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ComputeDevice.Cuda(0), ex.Requested);
        Assert.Equal("FakeRuntime", ex.RuntimeName);
    }

    [Fact]
    public void Resolve_CudaOrdinalBeyondVisibleDevices_Throws()
    {
        var resolver = new ComputeDeviceResolver(_logger);

        var ex = Assert.Throws<ComputeDeviceUnavailableException>(
            () => resolver.Resolve(ComputeDevice.Cuda(2), new FakeComputeRuntime(() => CudaAvailability.Available(2, "CUDA 12.4"))));

        Assert.Contains("only 2 CUDA device(s)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ExplicitCudaAvailable_UsesIt()
    {
        var resolver = new ComputeDeviceResolver(_logger);

        DeviceSelection selection = resolver.Resolve(ComputeDevice.Cuda(1), new FakeComputeRuntime(() => CudaAvailability.Available(2, "CUDA 12.4")));

        Assert.Equal(ComputeDevice.Cuda(1), selection.Device);
    }

    [Fact]
    public void Resolve_Cpu_NeverProbesCuda()
    {
        var runtime = new FakeComputeRuntime(() => throw new InvalidOperationException("must not be called"));

        DeviceSelection selection = new ComputeDeviceResolver(_logger).Resolve(ComputeDevice.Cpu, runtime);

        Assert.Equal(ComputeDevice.Cpu, selection.Device);
        Assert.Equal(0, runtime.ProbeCount);
    }

    [Fact]
    public void Resolve_AutoWhenProbeThrows_FallsBackToCpuAndWarns()
    {
        var runtime = new FakeComputeRuntime(() => throw new DllNotFoundException("libcudart.so.12: cannot open shared object file"));

        DeviceSelection selection = new ComputeDeviceResolver(_logger).Resolve(ComputeDevice.Auto, runtime);

        Assert.Equal(ComputeDevice.Cpu, selection.Device);
        Assert.Contains("libcudart.so.12", selection.Reason, StringComparison.Ordinal);
        Assert.Contains(_logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Exception is DllNotFoundException);
    }
}
