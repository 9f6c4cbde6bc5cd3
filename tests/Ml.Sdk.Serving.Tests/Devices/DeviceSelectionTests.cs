using Microsoft.Extensions.DependencyInjection;
using Ml.Sdk.Core.Devices;
using Ml.Sdk.Serving.Tests.TestSupport;

namespace Ml.Sdk.Serving.Tests.Devices;

/// <summary>Device selection with the CPU ONNX Runtime package this project references: CUDA is never available here.</summary>
public sealed class DeviceSelectionTests
{
    [Theory]
    [InlineData("auto")]
    [InlineData("cpu")]
    public async Task WaitUntilReadyAsync_AutoOrCpuWithTheCpuPackage_EveryVersionRunsOnTheCpu(string device)
    {
        await using var fixture = new ServingFixture();
        string v1 = VersionsModels.WriteVersion(fixture.Root, "m", 1);
        string v2 = VersionsModels.WriteVersion(fixture.Root, "m", 2);
        ServiceProvider provider = fixture.Build(o => o.Device = ComputeDevice.Parse(device), b => b.AddModel("m", m => m.FromFile(v1, 1).FromFile(v2, 2)));
        IModelServer server = provider.GetRequiredService<IModelServer>();

        await server.WaitUntilReadyAsync();

        ServedModelStatus status = server.GetStatus("m");
        Assert.Equal(2, status.Versions.Count);
        Assert.All(status.Versions, static v => Assert.Equal(ComputeDevice.Cpu, v.Device));
        Assert.Equal((2, 2f), await VersionsModels.InferAsync(server.GetClient("m")));
    }

    [Fact]
    public async Task AddModelAsync_CudaWithTheCpuPackage_ThrowsModelLoadExceptionSayingWhatToInstall()
    {
        await using var fixture = new ServingFixture();
        string v1 = VersionsModels.WriteVersion(fixture.Root, "m", 1);
        ServiceProvider provider = fixture.Build(o => o.Device = ComputeDevice.Cuda(), static _ => { });
        IModelServer server = provider.GetRequiredService<IModelServer>();

        var ex = await Assert.ThrowsAsync<ModelLoadException>(() => server.AddModelAsync("m", m => m.FromFile(v1, 1)));

        Assert.Equal(("m", 1, "load"), (ex.ModelName, ex.Version, ex.Stage));
        var unavailable = Assert.IsType<ComputeDeviceUnavailableException>(ex.InnerException);
        Assert.Equal(ComputeDevice.Cuda(), unavailable.Requested);
        Assert.Equal("ONNX Runtime", unavailable.RuntimeName);
        Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu", unavailable.Message, StringComparison.Ordinal);
        Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu", ex.Message, StringComparison.Ordinal);
        Assert.Empty(server.ModelNames);
    }

    [Fact]
    public async Task InferAsync_ModelOverridesCudaWithTheCpuPackage_ThatModelIsNotServedAndTheOthersAre()
    {
        await using var fixture = new ServingFixture();
        string gpu = VersionsModels.WriteVersion(fixture.Root, "gpu", 1);
        string cpu = VersionsModels.WriteVersion(fixture.Root, "cpu", 3);
        ServiceProvider provider = fixture.Build(null, b => b
            .AddModel("gpu", m =>
            {
                m.FromFile(gpu, 1);
                m.Device = ComputeDevice.Cuda(1);
            })
            .AddModel("cpu", m => m.FromFile(cpu, 3)));
        IModelServer server = provider.GetRequiredService<IModelServer>();

        var ex = await Assert.ThrowsAsync<ModelNotServedException>(() => VersionsModels.InferAsync(server.GetClient("gpu")));

        Assert.Contains("cuda:1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu", ex.Message, StringComparison.Ordinal);
        Assert.Equal((3, 3f), await VersionsModels.InferAsync(server.GetClient("cpu")));
        Assert.Equal(ComputeDevice.Cpu, VersionsStatus.Version(server.GetStatus("cpu"), 3).Device);
    }

    [Fact]
    public async Task WaitUntilReadyAsync_ModelOverridesCpuWhileTheDefaultIsCuda_ServesOnTheCpu()
    {
        await using var fixture = new ServingFixture();
        string v1 = VersionsModels.WriteVersion(fixture.Root, "m", 1);
        ServiceProvider provider = fixture.Build(o => o.Device = ComputeDevice.Cuda(), b => b.AddModel("m", m =>
        {
            m.FromFile(v1, 1);
            m.Device = ComputeDevice.Cpu;
        }));
        IModelServer server = provider.GetRequiredService<IModelServer>();

        await server.WaitUntilReadyAsync();

        Assert.Equal(ComputeDevice.Cpu, VersionsStatus.Version(server.GetStatus("m"), 1).Device);
    }
}
