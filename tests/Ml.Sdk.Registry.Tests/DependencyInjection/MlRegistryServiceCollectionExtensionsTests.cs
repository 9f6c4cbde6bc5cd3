using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Ml.Sdk.Core.Devices;
using Ml.Sdk.Registry.Tracking;

namespace Ml.Sdk.Registry.Tests.DependencyInjection;

public sealed class MlRegistryServiceCollectionExtensionsTests : IDisposable
{
    private readonly TemporaryFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task AddMlRegistry_ResolvesAWorkingTrackerAndCore()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMlRegistry(o => o.RootPath = _root.Path);
        services.AddMlRegistry();

        await using ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        IExperimentTracker tracker = provider.GetRequiredService<IExperimentTracker>();
        RunInfo run = await tracker.StartRunAsync("di");

        Assert.Same(tracker, provider.GetRequiredService<SqliteExperimentTracker>());
        IModelRegistry registry = provider.GetRequiredService<IModelRegistry>();
        ModelVersion version = await registry.RegisterVersionAsync(new NewModelVersion
        {
            Name = "di-model",
            Format = ModelFormat.Other,
            Artifacts = [ArtifactSource.FromBytes("weights.bin", new byte[] { 1, 2, 3 })],
            Lineage = new ModelLineage { RunId = run.RunId },
        });
        Assert.Equal(1, version.Version);
        Assert.Same(registry, provider.GetRequiredService<SqliteModelRegistry>());
        Assert.NotNull(provider.GetRequiredService<ComputeDeviceResolver>());
        Assert.Equal(RunStatus.Running, (await tracker.GetRunAsync(run.RunId)).Info.Status);
        Assert.True(File.Exists(Path.Combine(_root.Path, "registry.db")));
        Assert.Equal(2, services.Count(d => d.ServiceType == typeof(IValidateOptions<RegistryOptions>)));
    }

    [Fact]
    public void AddMlRegistry_Configuration_BindsEveryOption()
    {
        IConfiguration section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RootPath"] = _root.Path,
            ["BusyTimeout"] = "00:00:05",
            ["ChangePollInterval"] = "00:00:00.250",
            ["MaxArtifactBytes"] = "1048576",
        }).Build();
        var services = new ServiceCollection();
        services.AddMlRegistry(section);

        using ServiceProvider provider = services.BuildServiceProvider();
        RegistryOptions options = provider.GetRequiredService<IOptions<RegistryOptions>>().Value;

        Assert.Equal(_root.Path, options.RootPath);
        Assert.Equal(TimeSpan.FromSeconds(5), options.BusyTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.ChangePollInterval);
        Assert.Equal(1_048_576, options.MaxArtifactBytes);
    }

    [Theory]
    [InlineData("", "00:00:30", "RootPath")]
    [InlineData("ml-data", "00:00:00", "BusyTimeout must be positive")]
    [InlineData("ml-data", "-00:00:01", "BusyTimeout must be positive")]
    public async Task AddMlRegistry_InvalidOptions_FailAtHostStart(string rootPath, string busyTimeout, string expected)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddMlRegistry(o =>
        {
            o.RootPath = rootPath;
            o.BusyTimeout = TimeSpan.Parse(busyTimeout, System.Globalization.CultureInfo.InvariantCulture);
        });
        using IHost host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
