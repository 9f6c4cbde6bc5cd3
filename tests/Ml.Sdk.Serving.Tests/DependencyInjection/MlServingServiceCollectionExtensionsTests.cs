using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Ml.Sdk.Core.Devices;
using Ml.Sdk.Serving.Internal;
using Ml.Sdk.Serving.Tests.TestSupport;

namespace Ml.Sdk.Serving.Tests.DependencyInjection;

public sealed class MlServingServiceCollectionExtensionsTests
{
    private static IConfiguration Section(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(static s => new KeyValuePair<string, string?>("MlServing:" + s.Key, s.Value)))
            .Build()
            .GetSection("MlServing");

    private static async Task<IHost> StartHostAsync(Action<IServiceCollection> configure)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        configure(builder.Services);
        IHost host = builder.Build();
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            await ((IAsyncDisposable)host).DisposeAsync();
            throw;
        }
    }

    [Fact]
    public async Task AddMlServing_CalledTwice_OneServerOneHostedServiceAndOneHealthRegistration()
    {
        await using var fixture = new ServingFixture();
        string a = VersionsModels.WriteVersion(fixture.Root, "a", 1);
        string b = VersionsModels.WriteVersion(fixture.Root, "b", 2);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMlServing().AddModel("a", m => m.FromFile(a, 1));
        services.AddMlServing(o => o.MaxBatchSize = 16).AddModel("b", m => m.FromFile(b, 2));
        await using ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        Assert.Single(services, static d => d.ServiceType == typeof(IModelServer));
        Assert.Same(provider.GetRequiredService<IModelServer>(), provider.GetRequiredService<IModelServer>());
        Assert.Single(provider.GetServices<IHostedService>().OfType<ModelServingHostedService>());
        Assert.Single(provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations, static r => r.Name == ServingHealthCheck.Name);
        Assert.Equal(16, provider.GetRequiredService<IOptions<MlServingOptions>>().Value.MaxBatchSize);
        IModelServer server = provider.GetRequiredService<IModelServer>();
        Assert.Equal(["a", "b"], server.ModelNames);
        Assert.Equal((2, 2f), await VersionsModels.InferAsync(server.GetClient("b")));
    }

    [Fact]
    public async Task AddMlServing_ConfigurationSection_BindsTheOptions()
    {
        var services = new ServiceCollection();
        services.AddMlServing(Section(
            ("MaxBatchSize", "8"),
            ("MaxQueueSize", "100"),
            ("MaxQueueDelay", "00:00:00.002"),
            ("RequestTimeout", "00:00:05"),
            ("Device", "cpu"),
            ("UseSharedThreadPool", "true"),
            ("IntraOpThreads", "2"),
            ("GraphOptimizationLevel", "ORT_ENABLE_BASIC"),
            ("ObserverQueueSize", "64"),
            ("WaitForModelsOnStart", "true")));
        await using ServiceProvider provider = services.BuildServiceProvider();

        MlServingOptions options = provider.GetRequiredService<IOptions<MlServingOptions>>().Value;

        Assert.Equal(8, options.MaxBatchSize);
        Assert.Equal(100, options.MaxQueueSize);
        Assert.Equal(TimeSpan.FromMilliseconds(2), options.MaxQueueDelay);
        Assert.Equal(TimeSpan.FromSeconds(5), options.RequestTimeout);
        Assert.Equal(ComputeDevice.Cpu, options.Device);
        Assert.True(options.UseSharedThreadPool);
        Assert.Equal(2, options.IntraOpThreads);
        Assert.Equal(Microsoft.ML.OnnxRuntime.GraphOptimizationLevel.ORT_ENABLE_BASIC, options.GraphOptimizationLevel);
        Assert.Equal(64, options.ObserverQueueSize);
        Assert.True(options.WaitForModelsOnStart);
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("cpu")]
    [InlineData("cuda")]
    [InlineData("CUDA:1")]
    public async Task AddMlServing_ConfigurationSectionDevice_ParsesLikeComputeDeviceParse(string text)
    {
        var services = new ServiceCollection();
        services.AddMlServing(Section(("Device", text)));
        await using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Equal(ComputeDevice.Parse(text), provider.GetRequiredService<IOptions<MlServingOptions>>().Value.Device);
    }

    [Fact]
    public async Task AddMlServing_ConfigurationSectionUnknownDevice_ReadingTheOptionsThrowsFormatExceptionNamingIt()
    {
        var services = new ServiceCollection();
        services.AddMlServing(Section(("Device", "tpu")));
        await using ServiceProvider provider = services.BuildServiceProvider();

        var ex = Assert.Throws<FormatException>(() => provider.GetRequiredService<IOptions<MlServingOptions>>().Value);

        Assert.Contains("'tpu'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddMlServing_ConfigurationSectionEmpty_KeepsTheDefaults()
    {
        var services = new ServiceCollection();
        services.AddMlServing(Section());
        await using ServiceProvider provider = services.BuildServiceProvider();

        MlServingOptions options = provider.GetRequiredService<IOptions<MlServingOptions>>().Value;

        Assert.Equal((64, 1024, ComputeDevice.Auto, false), (options.MaxBatchSize, options.MaxQueueSize, options.Device, options.UseSharedThreadPool));
    }

    public static TheoryData<string, Action<MlServingOptions>> InvalidOptions => new()
    {
        { "MaxBatchSize", static o => o.MaxBatchSize = 0 },
        { "MaxQueueSize", static o => o.MaxQueueSize = 0 },
        { "MaxQueueDelay", static o => o.MaxQueueDelay = TimeSpan.FromMilliseconds(-1) },
        { "MaxQueueDelay", static o => o.MaxQueueDelay = TimeSpan.FromSeconds(11) },
        { "RequestTimeout", static o => o.RequestTimeout = TimeSpan.Zero },
        { "IntraOpThreads", static o => o.IntraOpThreads = -1 },
        { "ObserverQueueSize", static o => o.ObserverQueueSize = 0 },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public async Task AddMlServing_InvalidOption_ReadingTheOptionsThrowsOptionsValidationNamingIt(string property, Action<MlServingOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddMlServing(configure);
        await using ServiceProvider provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MlServingOptions>>().Value);

        Assert.Contains(property, ex.Message, StringComparison.Ordinal);
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IModelServer>());
    }

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public async Task StartAsync_InvalidOption_HostFailsToStartWithOptionsValidation(string property, Action<MlServingOptions> configure)
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => StartHostAsync(s => s.AddMlServing(configure)));

        Assert.Contains(property, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddModel_EachName_KeyedClientResolvesToThatModel()
    {
        await using var fixture = new ServingFixture();
        string a = VersionsModels.WriteVersion(fixture.Root, "a", 1);
        string b = VersionsModels.WriteVersion(fixture.Root, "b", 4);
        ServiceProvider provider = fixture.Build(null, s => s.AddModel("a", m => m.FromFile(a, 1)).AddModel("b", m => m.FromFile(b, 4)));

        IModelClient clientA = provider.GetRequiredKeyedService<IModelClient>("a");
        IModelClient clientB = provider.GetRequiredKeyedService<IModelClient>("b");

        Assert.Equal(("a", "b"), (clientA.ModelName, clientB.ModelName));
        Assert.Same(provider.GetRequiredService<IModelServer>().GetClient("a"), clientA);
        Assert.Equal((1, 1f), await VersionsModels.InferAsync(clientA));
        Assert.Equal((4, 4f), await VersionsModels.InferAsync(clientB));
        Assert.Null(provider.GetKeyedService<IModelClient>("c"));
    }

    [Fact]
    public async Task AddModel_WithoutSource_ResolvingTheServerThrowsAClearInvalidOperation()
    {
        await using var fixture = new ServingFixture();
        ServiceProvider provider = fixture.Build(null, s => s.AddModel("empty", static _ => { }));

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IModelServer>());

        Assert.Contains("'empty'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("FromFile", ex.Message, StringComparison.Ordinal);
        Assert.Contains("FromRegistry", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddModel_FromRegistryWithoutAddMlRegistry_ResolvingTheServerSaysToAddTheRegistry()
    {
        await using var fixture = new ServingFixture();
        ServiceProvider provider = fixture.Build(null, s => s.AddModel("fraud", static m => m.FromRegistry("fraud", "champion")));

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IModelServer>());

        Assert.Contains("'fraud'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AddMlRegistry", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddModel_SameNameTwice_ResolvingTheServerThrowsInvalidOperation()
    {
        await using var fixture = new ServingFixture();
        string a = VersionsModels.WriteVersion(fixture.Root, "a", 1);
        ServiceProvider provider = fixture.Build(null, s => s.AddModel("a", m => m.FromFile(a, 1)).AddModel("a", m => m.FromFile(a, 2)));

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IModelServer>());

        Assert.Contains("'a'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddModel_InvalidPerModelSetting_ResolvingTheServerThrowsOptionsValidationNamingTheModel()
    {
        await using var fixture = new ServingFixture();
        string a = VersionsModels.WriteVersion(fixture.Root, "a", 1);
        ServiceProvider provider = fixture.Build(null, s => s.AddModel("a", m =>
        {
            m.FromFile(a, 1);
            m.MaxBatchSize = 0;
            m.MaxQueueDelay = TimeSpan.FromMilliseconds(-1);
        }));

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IModelServer>());

        Assert.Equal("a", ex.OptionsName);
        Assert.Equal(2, ex.Failures.Count());
        Assert.Contains(ex.Failures, static f => f.Contains("MaxBatchSize is 0", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, static f => f.Contains("MaxQueueDelay is negative", StringComparison.Ordinal));
    }

    [Fact]
    public void ServedModelOptions_FileAndRegistry_ThrowsInvalidOperation()
    {
        Assert.Throws<InvalidOperationException>(() => new ServedModelOptions().FromFile("a.onnx").FromRegistry("fraud", "champion"));
        Assert.Throws<InvalidOperationException>(() => new ServedModelOptions().FromRegistry("fraud").FromFile("a.onnx"));
    }

    [Fact]
    public async Task StartAsync_WaitForModelsOnStart_TheHostStartsWithTheModelReady()
    {
        await using var fixture = new ServingFixture();
        string a = VersionsModels.WriteVersion(fixture.Root, "a", 1);

        using IHost host = await StartHostAsync(s => s.AddMlServing(static o => o.WaitForModelsOnStart = true).AddModel("a", m => m.FromFile(a, 1)));

        Assert.True(host.Services.GetRequiredService<IModelServer>().GetStatus("a").IsReady);
        await host.StopAsync();
    }

    [Fact]
    public async Task StartAsync_WaitForModelsOnStartAndAModelThatCannotLoad_TheHostFailsToStart()
    {
        await using var fixture = new ServingFixture();
        string corrupt = VersionsModels.WriteCorrupt(fixture.Root, "a.onnx");

        var ex = await Assert.ThrowsAsync<ModelNotServedException>(
            () => StartHostAsync(s => s.AddMlServing(static o => o.WaitForModelsOnStart = true).AddModel("a", m => m.FromFile(corrupt, 1))));

        Assert.Equal("a", ex.ModelName);
    }

    [Fact]
    public async Task StartAsync_WithoutWaitingForModels_TheHostStartsAndTheModelsLoadInTheBackground()
    {
        await using var fixture = new ServingFixture();
        string a = VersionsModels.WriteVersion(fixture.Root, "a", 1);
        string corrupt = VersionsModels.WriteCorrupt(fixture.Root, "b.onnx");

        using IHost host = await StartHostAsync(s => s.AddMlServing().AddModel("a", m => m.FromFile(a, 1)).AddModel("b", m => m.FromFile(corrupt, 1)));

        IModelServer server = host.Services.GetRequiredService<IModelServer>();
        await VersionsPolling.UntilAsync(
            () => server.GetStatus("a").IsReady && server.GetStatus("b").LastError is not null,
            () => string.Join(" / ", server.GetStatuses().Select(VersionsStatus.Describe)));
        Assert.False(server.GetStatus("b").IsReady);
        await host.StopAsync();
    }
}
