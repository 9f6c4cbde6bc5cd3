using Microsoft.Extensions.DependencyInjection;
using Ml.Sdk.Serving.Tests.TestSupport;

namespace Ml.Sdk.Serving.Tests.Hosting;

public sealed class OnDemandVersionsTests
{
    [Fact]
    public async Task LoadVersionAsync_WithoutMakeDefault_NewVersionAnswersOnlyWhenAskedFor()
    {
        await using var fixture = new ServingFixture();
        string v1 = VersionsModels.WriteVersion(fixture.Root, "m", 1);
        string v2 = VersionsModels.WriteVersion(fixture.Root, "m", 2);
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("m", m => m.FromFile(v1, 1)));
        IModelServer server = provider.GetRequiredService<IModelServer>();
        await server.WaitUntilReadyAsync();

        await server.LoadVersionAsync("m", 2, v2);

        IModelClient client = server.GetClient("m");
        Assert.Equal((2, 2f), await VersionsModels.InferAsync(client, new InferenceOptions { Version = 2 }));
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal((1, 1f), await VersionsModels.InferAsync(client));
        }

        ServedModelStatus status = server.GetStatus("m");
        Assert.Equal(1, status.DefaultVersion);
        Assert.Equal([1, 2], VersionsStatus.Ready(status));
    }

    [Fact]
    public async Task LoadVersionAsync_LowerVersionWithMakeDefault_ItAnswersByDefault()
    {
        await using var fixture = new ServingFixture();
        string v3 = VersionsModels.WriteVersion(fixture.Root, "m", 3);
        string v2 = VersionsModels.WriteVersion(fixture.Root, "m", 2);
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("m", m => m.FromFile(v3, 3)));
        IModelServer server = provider.GetRequiredService<IModelServer>();
        await server.WaitUntilReadyAsync();

        await server.LoadVersionAsync("m", 2, v2, makeDefault: true);

        Assert.Equal((2, 2f), await VersionsModels.InferAsync(server.GetClient("m")));
        Assert.Equal((3, 3f), await VersionsModels.InferAsync(server.GetClient("m"), new InferenceOptions { Version = 3 }));
        Assert.Equal(2, server.GetStatus("m").DefaultVersion);
    }

    [Fact]
    public async Task UnloadVersionAsync_VersionLoadedOnDemand_LaterExplicitRequestsThrowModelNotServed()
    {
        await using var fixture = new ServingFixture();
        string v1 = VersionsModels.WriteVersion(fixture.Root, "m", 1);
        string v2 = VersionsModels.WriteVersion(fixture.Root, "m", 2);
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("unload-gauge", m => m.FromFile(v1, 1)));
        IModelServer server = provider.GetRequiredService<IModelServer>();
        await server.WaitUntilReadyAsync();
        await server.LoadVersionAsync("unload-gauge", 2, v2);
        Ml.Sdk.Serving.Internal.LoadedVersion loaded = VersionsInternals.Loaded(server, "unload-gauge", 2);
        Assert.Equal(2, VersionsInternals.LoadedVersionsGauge("unload-gauge"));

        await server.UnloadVersionAsync("unload-gauge", 2);

        var ex = await Assert.ThrowsAsync<ModelNotServedException>(
            () => VersionsModels.InferAsync(server.GetClient("unload-gauge"), new InferenceOptions { Version = 2 }));
        Assert.Equal(2, ex.Version);
        Assert.Equal((1, 1f), await VersionsModels.InferAsync(server.GetClient("unload-gauge")));
        Assert.Equal([1], VersionsStatus.Ready(server.GetStatus("unload-gauge")));
        Assert.Equal(1, VersionsInternals.LoadedVersionsGauge("unload-gauge"));
        Assert.True(VersionsInternals.IsDisposed(loaded));
    }

    [Fact]
    public async Task UnloadVersionAsync_DefaultVersion_ThrowsInvalidOperationAndKeepsServing()
    {
        await using var fixture = new ServingFixture();
        string v1 = VersionsModels.WriteVersion(fixture.Root, "m", 1);
        string v2 = VersionsModels.WriteVersion(fixture.Root, "m", 2);
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("m", m => m.FromFile(v1, 1)));
        IModelServer server = provider.GetRequiredService<IModelServer>();
        await server.WaitUntilReadyAsync();
        await server.LoadVersionAsync("m", 2, v2, makeDefault: true);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => server.UnloadVersionAsync("m", 2));

        Assert.IsNotType<ModelNotServedException>(ex);
        Assert.Contains("default", ex.Message, StringComparison.Ordinal);
        Assert.Equal((2, 2f), await VersionsModels.InferAsync(server.GetClient("m")));
    }

    [Fact]
    public async Task UnloadVersionAsync_VersionFromTheConfiguration_ThrowsInvalidOperationAndKeepsIt()
    {
        await using var fixture = new ServingFixture();
        string v1 = VersionsModels.WriteVersion(fixture.Root, "m", 1);
        string v2 = VersionsModels.WriteVersion(fixture.Root, "m", 2);
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("m", m => m.FromFile(v1, 1).FromFile(v2, 2)));
        IModelServer server = provider.GetRequiredService<IModelServer>();
        await server.WaitUntilReadyAsync();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => server.UnloadVersionAsync("m", 1));

        Assert.Contains("required", ex.Message, StringComparison.Ordinal);
        Assert.Equal((1, 1f), await VersionsModels.InferAsync(server.GetClient("m"), new InferenceOptions { Version = 1 }));
    }

    [Fact]
    public async Task UnloadVersionAsync_VersionNotLoaded_ThrowsModelNotServed()
    {
        await using var fixture = new ServingFixture();
        string v1 = VersionsModels.WriteVersion(fixture.Root, "m", 1);
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("m", m => m.FromFile(v1, 1)));
        IModelServer server = provider.GetRequiredService<IModelServer>();
        await server.WaitUntilReadyAsync();

        var ex = await Assert.ThrowsAsync<ModelNotServedException>(() => server.UnloadVersionAsync("m", 4));

        Assert.Equal(4, ex.Version);
    }

    [Fact]
    public async Task LoadVersionAsync_FileModelWithoutPathForAnUnknownVersion_ThrowsArgumentException()
    {
        await using var fixture = new ServingFixture();
        string v1 = VersionsModels.WriteVersion(fixture.Root, "m", 1);
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("m", m => m.FromFile(v1, 1)));
        IModelServer server = provider.GetRequiredService<IModelServer>();
        await server.WaitUntilReadyAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => server.LoadVersionAsync("m", 2));

        Assert.Equal([1], VersionsStatus.Ready(server.GetStatus("m")));
    }

    [Fact]
    public async Task ReloadAsync_AfterAFailedOnDemandLoad_DoesNotRetryTheFailedVersion()
    {
        await using var fixture = new ServingFixture();
        string v1 = VersionsModels.WriteVersion(fixture.Root, "m", 1);
        string broken = VersionsModels.WriteFailsAtRun(fixture.Root, "m-v2.onnx");
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("m", m => m.FromFile(v1, 1)));
        IModelServer server = provider.GetRequiredService<IModelServer>();
        await server.WaitUntilReadyAsync();
        await Assert.ThrowsAsync<ModelLoadException>(() => server.LoadVersionAsync("m", 2, broken));

        // The failed version was never pinned: re-resolving the configuration has nothing to load.
        await server.ReloadAsync("m");
        await server.ReloadAsync("m", reloadAll: true);

        Assert.Equal((1, 1f), await VersionsModels.InferAsync(server.GetClient("m")));
        Assert.Equal([1], VersionsStatus.Ready(server.GetStatus("m")));
    }

    [Fact]
    public async Task AddModelAsync_AtRunTime_GetClientAnswers()
    {
        await using var fixture = new ServingFixture();
        string a = VersionsModels.WriteVersion(fixture.Root, "a", 1);
        string b3 = VersionsModels.WriteVersion(fixture.Root, "b", 3);
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("a", m => m.FromFile(a, 1)));
        IModelServer server = provider.GetRequiredService<IModelServer>();
        await Assert.ThrowsAsync<ModelNotServedException>(() => Task.FromResult(server.GetClient("b")));

        await server.AddModelAsync("b", m => m.FromFile(b3, 3));

        Assert.Equal(["a", "b"], server.ModelNames);
        Assert.True(server.GetStatus("b").IsReady);
        Assert.Equal((3, 3f), await VersionsModels.InferAsync(server.GetClient("b")));
        Assert.Equal((1, 1f), await VersionsModels.InferAsync(server.GetClient("a")));
    }

    [Fact]
    public async Task AddModelAsync_NameAlreadyServed_ThrowsInvalidOperation()
    {
        await using var fixture = new ServingFixture();
        string a = VersionsModels.WriteVersion(fixture.Root, "a", 1);
        string a2 = VersionsModels.WriteVersion(fixture.Root, "a", 2);
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("a", m => m.FromFile(a, 1)));
        IModelServer server = provider.GetRequiredService<IModelServer>();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => server.AddModelAsync("a", m => m.FromFile(a2, 2)));

        Assert.Contains("'a'", ex.Message, StringComparison.Ordinal);
        Assert.Equal((1, 1f), await VersionsModels.InferAsync(server.GetClient("a")));
    }

    [Fact]
    public async Task AddModelAsync_CorruptFile_ThrowsModelLoadExceptionAndTheModelIsNotAdded()
    {
        await using var fixture = new ServingFixture();
        string a = VersionsModels.WriteVersion(fixture.Root, "a", 1);
        string corrupt = VersionsModels.WriteCorrupt(fixture.Root, "b.onnx");
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("a", m => m.FromFile(a, 1)));
        IModelServer server = provider.GetRequiredService<IModelServer>();

        var ex = await Assert.ThrowsAsync<ModelLoadException>(() => server.AddModelAsync("b", m => m.FromFile(corrupt, 1)));

        Assert.Equal(("b", 1, "load"), (ex.ModelName, ex.Version, ex.Stage));
        Assert.Equal(["a"], server.ModelNames);
        Assert.Throws<ModelNotServedException>(() => server.GetClient("b"));
        Assert.DoesNotContain(server.GetStatuses(), s => s.Name == "b");

        // The name is free again: a good file can be added under it.
        string good = VersionsModels.WriteVersion(fixture.Root, "b", 1);
        await server.AddModelAsync("b", m => m.FromFile(good, 1));
        Assert.Equal((1, 1f), await VersionsModels.InferAsync(server.GetClient("b")));
    }

    [Fact]
    public async Task RemoveModelAsync_ServedModel_GetClientAndHeldClientsThrowModelNotServed()
    {
        await using var fixture = new ServingFixture();
        string a = VersionsModels.WriteVersion(fixture.Root, "a", 1);
        string b = VersionsModels.WriteVersion(fixture.Root, "b", 1);
        ServiceProvider provider = fixture.Build(null, s => s.AddModel("a", m => m.FromFile(a, 1)).AddModel("b", m => m.FromFile(b, 1)));
        IModelServer server = provider.GetRequiredService<IModelServer>();
        await server.WaitUntilReadyAsync();
        IModelClient removed = server.GetClient("b");
        Ml.Sdk.Serving.Internal.LoadedVersion loaded = VersionsInternals.Loaded(server, "b", 1);

        await server.RemoveModelAsync("b");

        var ex = Assert.Throws<ModelNotServedException>(() => server.GetClient("b"));
        Assert.Equal("b", ex.ModelName);
        Assert.Equal(["a"], server.ModelNames);
        Assert.True(VersionsInternals.IsDisposed(loaded));
        var stale = await Assert.ThrowsAsync<ModelNotServedException>(() => VersionsModels.InferAsync(removed));
        Assert.Equal("b", stale.ModelName);
        Assert.Equal((1, 1f), await VersionsModels.InferAsync(server.GetClient("a")));
        await Assert.ThrowsAsync<ModelNotServedException>(() => server.RemoveModelAsync("b"));
    }
}
