using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Ml.Sdk.Core.Devices;
using Ml.Sdk.Training.DependencyInjection;
using Ml.Sdk.Training.Onnx;
using Ml.Sdk.Training.Promotion;
using Ml.Sdk.Training.Search;
using Ml.Sdk.Training.Tests.TestSupport;

namespace Ml.Sdk.Training.Tests.DependencyInjection;

public sealed class MlTrainingServiceCollectionExtensionsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task AddMlTraining_WithRegistry_ResolvesEveryServiceAndTracksFits()
    {
        var services = new ServiceCollection();
        services.AddMlRegistry(o => o.RootPath = _folder.Path);
        services.AddMlTraining();
        services.AddMlTraining();
        await using ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        Trainer trainer = provider.GetRequiredService<Trainer>();
        Assert.Same(trainer, provider.GetRequiredService<Trainer>());
        Assert.NotNull(provider.GetRequiredService<OnnxExporter>());
        Assert.NotNull(provider.GetRequiredService<ModelPromotionGate>());
        Assert.NotNull(provider.GetRequiredService<HyperparameterSearch>());
        Assert.Single(services, static d => d.ServiceType == typeof(Trainer));

        using var model = TinyModels.Mlp(seed: 1);
        using TrainingData data = TinyModels.Moons(rows: 64);
        FitOptions options = TinyModels.Classification(maxEpochs: 1);
        options.ExperimentName = "di";
        TrainingResult result = await trainer.FitAsync(model, data, options);
        Assert.NotNull(result.RunId);
    }

    [Fact]
    public void AddMlTraining_WithoutRegistry_GateFailsNamingAddMlRegistry()
    {
        var services = new ServiceCollection();
        services.AddMlTraining();
        using ServiceProvider provider = services.BuildServiceProvider();

        InvalidOperationException ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ModelPromotionGate>());

        Assert.Contains("AddMlRegistry", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(provider.GetRequiredService<Trainer>());
    }

    [Fact]
    public async Task AddMlTraining_ConfiguredCudaWithoutCuda_FitFailsWithWhatToInstall()
    {
        var services = new ServiceCollection();
        IConfiguration section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Device"] = "cuda:0" }).Build();
        services.AddMlTraining(section);
        using ServiceProvider provider = services.BuildServiceProvider();
        using var model = TinyModels.Mlp(seed: 1);
        using TrainingData data = TinyModels.Moons(rows: 64);

        ComputeDeviceUnavailableException ex = await Assert.ThrowsAsync<ComputeDeviceUnavailableException>(
            () => provider.GetRequiredService<Trainer>().FitAsync(model, data, TinyModels.Classification(maxEpochs: 1)));

        Assert.Contains("TorchSharp-cuda", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddMlTraining_ConfiguredCpu_FitsOnTheCpuAndExplicitDeviceWins()
    {
        var services = new ServiceCollection();
        services.AddMlTraining(o => o.Device = ComputeDevice.Cuda(0));
        using ServiceProvider provider = services.BuildServiceProvider();
        using var model = TinyModels.Mlp(seed: 1);
        using TrainingData data = TinyModels.Moons(rows: 64);
        FitOptions options = TinyModels.Classification(maxEpochs: 1);
        options.Device = ComputeDevice.Cpu;

        TrainingResult result = await provider.GetRequiredService<Trainer>().FitAsync(model, data, options);

        Assert.Equal(ComputeDevice.Cpu, result.Device);
    }
}
