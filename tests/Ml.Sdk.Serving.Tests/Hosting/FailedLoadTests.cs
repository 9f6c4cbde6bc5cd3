using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Ml.Sdk.Serving.Tests.TestSupport;

namespace Ml.Sdk.Serving.Tests.Hosting;

public sealed class FailedLoadTests
{
    private static async Task<HealthCheckResult> CheckAsync(IServiceProvider provider) =>
        await new ServingHealthCheck(provider.GetRequiredService<IModelServer>()).CheckHealthAsync(new HealthCheckContext());

    [Fact]
    public async Task LoadVersionAsync_FailsAtWarmUp_ThrowsWarmUpStageAndTheOldVersionKeepsServing()
    {
        await using var fixture = new ServingFixture();
        string v1 = VersionsModels.WriteVersion(fixture.Root, "m", 1);
        string broken = VersionsModels.WriteFailsAtRun(fixture.Root, "m-v2.onnx");
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("m", m => m.FromFile(v1, 1)));
        IModelServer server = provider.GetRequiredService<IModelServer>();
        await server.WaitUntilReadyAsync();

        var ex = await Assert.ThrowsAsync<ModelLoadException>(() => server.LoadVersionAsync("m", 2, broken, makeDefault: true));

        Assert.Equal(("m", 2, "warm-up"), (ex.ModelName, ex.Version, ex.Stage));
        Assert.Contains("warm-up", ex.Message, StringComparison.Ordinal);
        ServedModelStatus status = server.GetStatus("m");
        Assert.True(status.IsReady);
        Assert.Equal(1, status.DefaultVersion);
        Assert.Equal([1], VersionsStatus.Ready(status));
        ServedVersionStatus failed = VersionsStatus.Version(status, 2);
        Assert.Equal(VersionState.Failed, failed.State);
        Assert.Equal(ex.Message, failed.Error);
        Assert.Equal((1, 1f), await VersionsModels.InferAsync(server.GetClient("m")));
        Assert.Equal((1, 1f), await VersionsModels.InferGeneralAsync(server.GetClient("m")));
        await Assert.ThrowsAsync<ModelNotServedException>(() => VersionsModels.InferAsync(server.GetClient("m"), new InferenceOptions { Version = 2 }));
    }

    [Fact]
    public async Task LoadVersionAsync_FailsAtWarmUpUnderConcurrentLoad_NoRequestFails()
    {
        await using var fixture = new ServingFixture();
        string v1 = VersionsModels.WriteVersion(fixture.Root, "m", 1);
        string broken = VersionsModels.WriteFailsAtRun(fixture.Root, "m-v2.onnx");
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("m", m => m.FromFile(v1, 1)));
        IModelServer server = provider.GetRequiredService<IModelServer>();
        await server.WaitUntilReadyAsync();

        await using VersionsLoad load = VersionsLoad.Start(server.GetClient("m"), callers: 16);
        await load.WaitForAnswersAsync(0, 200);
        await Assert.ThrowsAsync<ModelLoadException>(() => server.LoadVersionAsync("m", 2, broken, makeDefault: true));
        int after = load.NextPhase();
        await load.WaitForAnswersAsync(after, 300);
        await load.StopAsync();

        Assert.True(load.Failures.IsEmpty && load.Mismatches.IsEmpty, load.Describe());
        Assert.Equal([1], load.AnswersIn(0).Keys);
        Assert.Equal([1], load.AnswersIn(after).Keys);
    }

    [Fact]
    public async Task LoadVersionAsync_FailsAtWarmUp_HealthDegradedWithTheErrorInTheData()
    {
        await using var fixture = new ServingFixture();
        string v1 = VersionsModels.WriteVersion(fixture.Root, "m", 1);
        string broken = VersionsModels.WriteFailsAtRun(fixture.Root, "m-v2.onnx");
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("m", m => m.FromFile(v1, 1)));
        IModelServer server = provider.GetRequiredService<IModelServer>();
        await server.WaitUntilReadyAsync();
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(provider)).Status);

        var ex = await Assert.ThrowsAsync<ModelLoadException>(() => server.LoadVersionAsync("m", 2, broken));

        HealthCheckResult health = await CheckAsync(provider);
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Contains("m", health.Description, StringComparison.Ordinal);
        Assert.Equal(ex.Message, health.Data["m.error"]);
        Assert.Contains("serving version 1", (string)health.Data["m"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadVersionAsync_CorruptFile_ThrowsLoadStageAndTheOldVersionKeepsServing()
    {
        await using var fixture = new ServingFixture();
        string v1 = VersionsModels.WriteVersion(fixture.Root, "m", 1);
        string corrupt = VersionsModels.WriteCorrupt(fixture.Root, "m-v2.onnx");
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("m", m => m.FromFile(v1, 1)));
        IModelServer server = provider.GetRequiredService<IModelServer>();
        await server.WaitUntilReadyAsync();

        var ex = await Assert.ThrowsAsync<ModelLoadException>(() => server.LoadVersionAsync("m", 2, corrupt, makeDefault: true));

        Assert.Equal(("m", 2, "load"), (ex.ModelName, ex.Version, ex.Stage));
        Assert.NotNull(ex.InnerException);
        Assert.Equal(VersionState.Failed, VersionsStatus.Version(server.GetStatus("m"), 2).State);
        Assert.Equal((1, 1f), await VersionsModels.InferAsync(server.GetClient("m")));
    }

    [Fact]
    public async Task LoadVersionAsync_MissingFile_ThrowsAndTheOldVersionKeepsServing()
    {
        await using var fixture = new ServingFixture();
        string v1 = VersionsModels.WriteVersion(fixture.Root, "m", 1);
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("m", m => m.FromFile(v1, 1)));
        IModelServer server = provider.GetRequiredService<IModelServer>();
        await server.WaitUntilReadyAsync();

        var ex = await Assert.ThrowsAsync<ModelLoadException>(() => server.LoadVersionAsync("m", 2, fixture.PathFor("absent.onnx"), makeDefault: true));

        Assert.IsType<FileNotFoundException>(ex.InnerException);
        Assert.Equal((1, 1f), await VersionsModels.InferAsync(server.GetClient("m")));
    }

    [Fact]
    public async Task InferAsync_OnlyVersionFailsAtWarmUp_ThrowsModelNotServedNamingTheErrorAndHealthUnhealthy()
    {
        await using var fixture = new ServingFixture();
        string broken = VersionsModels.WriteFailsAtRun(fixture.Root, "m-v1.onnx");
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("m", m => m.FromFile(broken, 1)));
        IModelServer server = provider.GetRequiredService<IModelServer>();

        var ex = await Assert.ThrowsAsync<ModelNotServedException>(() => VersionsModels.InferAsync(server.GetClient("m")));

        Assert.Equal("m", ex.ModelName);
        Assert.Contains("warm-up", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ModelNotServedException>(() => server.WaitUntilReadyAsync());
        ServedModelStatus status = server.GetStatus("m");
        Assert.False(status.IsReady);
        Assert.Null(status.DefaultVersion);
        Assert.Contains("warm-up", status.LastError, StringComparison.Ordinal);
        Assert.Equal(VersionState.Failed, VersionsStatus.Version(status, 1).State);
        HealthCheckResult health = await CheckAsync(provider);
        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Contains("warm-up", (string)health.Data["m"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task InferAsync_OnlyVersionCorrupt_EveryRequestThrowsModelNotServed()
    {
        await using var fixture = new ServingFixture();
        string corrupt = VersionsModels.WriteCorrupt(fixture.Root, "m-v1.onnx");
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("m", m => m.FromFile(corrupt, 1)));
        IModelClient client = provider.GetRequiredKeyedService<IModelClient>("m");

        // A failed first load is not cached as the answer: each request tries again and reports why it failed.
        for (int i = 0; i < 3; i++)
        {
            var ex = await Assert.ThrowsAsync<ModelNotServedException>(() => VersionsModels.InferGeneralAsync(client));
            Assert.Contains("failed at load", ex.Message, StringComparison.Ordinal);
        }
    }
}
