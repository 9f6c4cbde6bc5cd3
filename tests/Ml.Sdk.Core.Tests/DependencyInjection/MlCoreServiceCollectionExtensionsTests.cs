using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Ml.Sdk.Core.DependencyInjection;
using Ml.Sdk.Core.Devices;
using Ml.Sdk.Core.Observability;

namespace Ml.Sdk.Core.Tests.DependencyInjection;

public class MlCoreServiceCollectionExtensionsTests
{
    [Fact]
    public void AddMlCore_Twice_RegistersEachServiceOnce()
    {
        var services = new ServiceCollection();

        IMlCoreBuilder first = services.AddMlCore();
        int count = services.Count;
        services.AddMlCore();

        Assert.Same(first.Services, services);
        Assert.Equal(count, services.Count);
        Assert.Single(services, d => d.ServiceType == typeof(ComputeDeviceResolver));
        Assert.Single(services, d => d.ServiceType == typeof(InferencePublisher));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<MlCoreOptions>));
    }

    [Fact]
    public void AddMlCore_ResolvesSharedServices()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IInferenceObserver, NullObserver>();
        services.AddMlCore(o => o.DefaultDevice = ComputeDevice.Cpu);

        using ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.NotNull(provider.GetRequiredService<ComputeDeviceResolver>());
        Assert.True(provider.GetRequiredService<InferencePublisher>().HasObservers);
        Assert.Equal(ComputeDevice.Cpu, provider.GetRequiredService<IOptions<MlCoreOptions>>().Value.DefaultDevice);
    }

    [Fact]
    public void AddMlCore_AppTimeProvider_IsKept()
    {
        var services = new ServiceCollection();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        services.AddSingleton<TimeProvider>(time);
        services.AddMlCore();

        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Same(time, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddMlCore_Configuration_BindsDevice()
    {
        IConfiguration section = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["DefaultDevice"] = "cuda:1" })
            .Build();
        var services = new ServiceCollection();
        services.AddMlCore(section);

        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Equal(ComputeDevice.Cuda(1), provider.GetRequiredService<IOptions<MlCoreOptions>>().Value.DefaultDevice);
    }

    [Fact]
    public async Task AddMlCore_MalformedConfiguration_FailsAtHostStart()
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["MlSdk:Core:DefaultDevice"] = "gpu" });
        builder.Services.AddMlCore(builder.Configuration.GetSection("MlSdk:Core"));
        using IHost host = builder.Build();

        var ex = await Assert.ThrowsAsync<FormatException>(() => host.StartAsync());

        Assert.Contains("'gpu' is not a compute device", ex.Message, StringComparison.Ordinal);
    }

    private sealed class NullObserver : IInferenceObserver
    {
        public void OnInference(in InferenceEvent inference)
        {
        }
    }
}
