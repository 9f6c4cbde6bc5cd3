using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Ml.Sdk.Serving.Tests.TestSupport;

namespace Ml.Sdk.Serving.Tests.Hosting;

public sealed class ServingHealthCheckTests
{
    [Fact]
    public async Task CheckHealthAsync_EveryModelReady_HealthyWithEachModelsVersionsInTheData()
    {
        await using var fixture = new ServingFixture();
        string a1 = VersionsModels.WriteVersion(fixture.Root, "a", 1);
        string a2 = VersionsModels.WriteVersion(fixture.Root, "a", 2);
        string b5 = VersionsModels.WriteVersion(fixture.Root, "b", 5);
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("a", m => m.FromFile(a1, 1).FromFile(a2, 2)).AddModel("b", m => m.FromFile(b5, 5)));
        IModelServer server = provider.GetRequiredService<IModelServer>();
        await server.WaitUntilReadyAsync();

        HealthCheckResult health = await new ServingHealthCheck(server).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.Equal("serving version 2 (loaded: 1, 2)", health.Data["a"]);
        Assert.Equal("serving version 5 (loaded: 5)", health.Data["b"]);
        Assert.Equal(2, health.Data.Count);
    }

    [Fact]
    public async Task CheckHealthAsync_BeforeAnyLoad_UnhealthyNamingTheModelsThatAreLoading()
    {
        await using var fixture = new ServingFixture();
        string a1 = VersionsModels.WriteVersion(fixture.Root, "a", 1);
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("a", m => m.FromFile(a1, 1)));
        IModelServer server = provider.GetRequiredService<IModelServer>();

        HealthCheckResult before = await new ServingHealthCheck(server).CheckHealthAsync(new HealthCheckContext());
        await server.WaitUntilReadyAsync();
        HealthCheckResult after = await new ServingHealthCheck(server).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, before.Status);
        Assert.Contains("a", before.Description, StringComparison.Ordinal);
        Assert.Equal("not ready: loading", before.Data["a"]);
        Assert.Equal(HealthStatus.Healthy, after.Status);
    }

    [Fact]
    public async Task CheckHealthAsync_OneModelWithoutAReadyVersion_UnhealthyEvenIfOthersAreReady()
    {
        await using var fixture = new ServingFixture();
        string a1 = VersionsModels.WriteVersion(fixture.Root, "a", 1);
        string corrupt = VersionsModels.WriteCorrupt(fixture.Root, "b.onnx");
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("a", m => m.FromFile(a1, 1)).AddModel("b", m => m.FromFile(corrupt, 1)));
        IModelServer server = provider.GetRequiredService<IModelServer>();
        await Assert.ThrowsAsync<ModelNotServedException>(() => server.WaitUntilReadyAsync());

        HealthCheckResult health = await new ServingHealthCheck(server).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Equal("Models without a ready version: b.", health.Description);
        Assert.StartsWith("serving version 1", (string)health.Data["a"], StringComparison.Ordinal);
        Assert.Contains("failed at load", (string)health.Data["b"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddMlServing_RegistersTheCheckAsReadyUnderItsName()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMlServing();

        // The server is IAsyncDisposable only: the container must be disposed asynchronously.
        await using ServiceProvider provider = services.BuildServiceProvider();

        HealthCheckRegistration registration = Assert.Single(
            provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations,
            static r => r.Name == ServingHealthCheck.Name);

        Assert.Equal("ml_sdk.serving", registration.Name);
        Assert.Equal(["ready"], registration.Tags);
        Assert.IsType<ServingHealthCheck>(registration.Factory(provider));
    }

    [Fact]
    public async Task HealthCheckService_ReadyChecks_ReportTheServingCheckEndToEnd()
    {
        await using var fixture = new ServingFixture();
        string a1 = VersionsModels.WriteVersion(fixture.Root, "a", 1);
        string broken = VersionsModels.WriteFailsAtRun(fixture.Root, "a-v2.onnx");
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("a", m => m.FromFile(a1, 1)));
        HealthCheckService health = provider.GetRequiredService<HealthCheckService>();
        IModelServer server = provider.GetRequiredService<IModelServer>();

        HealthReport loading = await health.CheckHealthAsync(static r => r.Tags.Contains("ready"));
        await server.WaitUntilReadyAsync();
        HealthReport ready = await health.CheckHealthAsync(static r => r.Tags.Contains("ready"));
        await Assert.ThrowsAsync<ModelLoadException>(() => server.LoadVersionAsync("a", 2, broken));
        HealthReport degraded = await health.CheckHealthAsync(static r => r.Tags.Contains("ready"));

        Assert.Equal(HealthStatus.Unhealthy, loading.Entries[ServingHealthCheck.Name].Status);
        Assert.Equal(HealthStatus.Healthy, ready.Status);
        Assert.Equal(HealthStatus.Healthy, ready.Entries[ServingHealthCheck.Name].Status);
        Assert.Equal(HealthStatus.Degraded, degraded.Entries[ServingHealthCheck.Name].Status);
        Assert.Contains("warm-up", (string)degraded.Entries[ServingHealthCheck.Name].Data["a.error"], StringComparison.Ordinal);
    }
}
