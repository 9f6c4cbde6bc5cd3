using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Ml.Sdk.Registry;
using Ml.Sdk.Serving.Internal;
using Ml.Sdk.Serving.Tests.TestSupport;

namespace Ml.Sdk.Serving.Tests.Hosting;

public sealed class RegistryVersionsTests
{
    private static Task<HealthCheckResult> CheckAsync(RegistryServingFixture fixture) =>
        new ServingHealthCheck(fixture.Server).CheckHealthAsync(new HealthCheckContext());

    [Fact]
    public async Task FromRegistry_Alias_ServesTheVersionTheAliasPointsTo()
    {
        await using var fixture = new RegistryServingFixture();
        fixture.Build(o => o.WaitForModelsOnStart = true, b => b.AddModel("fraud", m => m.FromRegistry("fraud", "champion")));
        await fixture.RegisterVersionsAsync("fraud", 3);
        await fixture.Registry.SetAliasAsync("fraud", "champion", 2);

        await fixture.StartAsync();

        Assert.Equal((2, 2f), await VersionsModels.InferAsync(fixture.Server.GetClient("fraud")));
        ServedModelStatus status = fixture.Server.GetStatus("fraud");
        Assert.Equal(2, status.DefaultVersion);
        Assert.Equal([2], VersionsStatus.Ready(status));
    }

    [Fact]
    public async Task SetAliasAsync_WhileTheHostRunsUnderLoad_ServingSwitchesToTheNewVersionWithoutAFailedRequest()
    {
        await using var fixture = new RegistryServingFixture();
        fixture.Build(o => o.WaitForModelsOnStart = true, b => b.AddModel("fraud-alias-move", m => m.FromRegistry("fraud", "champion")));
        await fixture.RegisterVersionsAsync("fraud", 2);
        await fixture.Registry.SetAliasAsync("fraud", "champion", 1);
        await fixture.StartAsync();
        LoadedVersion old = VersionsInternals.Loaded(fixture.Server, "fraud-alias-move", 1);

        await using VersionsLoad load = VersionsLoad.Start(fixture.Server.GetClient("fraud-alias-move"), callers: 16);
        await load.WaitForAnswersAsync(0, 200);
        await fixture.Registry.SetAliasAsync("fraud", "champion", 2);
        await fixture.WaitForDefaultAsync("fraud-alias-move", 2, 2);
        int after = load.NextPhase();
        await load.WaitForAnswersAsync(after, 300);
        await load.StopAsync();

        Assert.True(load.Failures.IsEmpty && load.Mismatches.IsEmpty, load.Describe());
        Assert.True(load.AnswersIn(0).ContainsKey(1), load.Describe());
        Assert.Equal([2], load.AnswersIn(after).Keys);
        await VersionsPolling.UntilAsync(() => VersionsInternals.IsDisposed(old), () => $"version 1 to be disposed ({old.InFlight} in flight)");
        Assert.True(old.IsRetired);
        Assert.Equal(1, VersionsInternals.LoadedVersionsGauge("fraud-alias-move"));
        Assert.Null(fixture.Server.GetStatus("fraud-alias-move").LastError);
    }

    [Fact]
    public async Task VersionPolicyLatest_NewVersionRegistered_LoadsItAndRetiresTheOldest()
    {
        await using var fixture = new RegistryServingFixture();
        fixture.Build(o => o.WaitForModelsOnStart = true, b => b.AddModel("fraud", m => m.FromRegistry("fraud", VersionPolicy.Latest(2))));
        await fixture.RegisterVersionsAsync("fraud", 2);
        await fixture.StartAsync();
        IModelClient client = fixture.Server.GetClient("fraud");
        Assert.Equal([1, 2], VersionsStatus.Ready(fixture.Server.GetStatus("fraud")));
        Assert.Equal((2, 2f), await VersionsModels.InferAsync(client));
        Assert.Equal((1, 1f), await VersionsModels.InferAsync(client, new InferenceOptions { Version = 1 }));
        LoadedVersion oldest = VersionsInternals.Loaded(fixture.Server, "fraud", 1);

        Assert.Equal(3, await fixture.RegisterScaleAsync("fraud", 3));

        await fixture.WaitForDefaultAsync("fraud", 3, 2, 3);
        Assert.Equal((3, 3f), await VersionsModels.InferAsync(client));
        Assert.Equal((2, 2f), await VersionsModels.InferAsync(client, new InferenceOptions { Version = 2 }));
        await Assert.ThrowsAsync<ModelNotServedException>(() => VersionsModels.InferAsync(client, new InferenceOptions { Version = 1 }));
        await VersionsPolling.UntilAsync(() => VersionsInternals.IsDisposed(oldest), "version 1 to be disposed");
    }

    [Fact]
    public async Task VersionPolicySpecific_LoadsExactlyThoseVersionsAndTheHighestAnswers()
    {
        await using var fixture = new RegistryServingFixture();
        fixture.Build(null, b => b.AddModel("fraud", m => m.FromRegistry("fraud", VersionPolicy.Specific(3, 1))));
        await fixture.RegisterVersionsAsync("fraud", 4);

        await fixture.Server.WaitUntilReadyAsync();

        IModelClient client = fixture.Server.GetClient("fraud");
        Assert.Equal([1, 3], VersionsStatus.Ready(fixture.Server.GetStatus("fraud")));
        Assert.Equal((3, 3f), await VersionsModels.InferAsync(client));
        Assert.Equal((1, 1f), await VersionsModels.InferAsync(client, new InferenceOptions { Version = 1 }));
        await Assert.ThrowsAsync<ModelNotServedException>(() => VersionsModels.InferAsync(client, new InferenceOptions { Version = 4 }));
    }

    [Fact]
    public async Task VersionPolicySpecific_VersionNotRegistered_FailsNamingTheVersion()
    {
        await using var fixture = new RegistryServingFixture();
        fixture.Build(null, b => b.AddModel("fraud", m => m.FromRegistry("fraud", VersionPolicy.Specific(1, 7))));
        await fixture.RegisterVersionsAsync("fraud", 2);

        var ex = await Assert.ThrowsAsync<ModelNotServedException>(() => fixture.Server.WaitUntilReadyAsync());

        Assert.Contains("no version 7", ex.Message, StringComparison.Ordinal);
        Assert.False(fixture.Server.GetStatus("fraud").IsReady);
    }

    [Fact]
    public async Task FromRegistry_VersionReference_ServesThatVersionEvenWhenNewerOnesAreRegistered()
    {
        await using var fixture = new RegistryServingFixture();
        fixture.Build(null, b => b.AddModel("fraud", m => m.FromRegistry("fraud/1")));
        await fixture.RegisterVersionsAsync("fraud", 2);
        await fixture.Server.WaitUntilReadyAsync();
        Assert.Equal((1, 1f), await VersionsModels.InferAsync(fixture.Server.GetClient("fraud")));

        await fixture.RegisterScaleAsync("fraud", 3);
        await fixture.Server.ReloadAsync("fraud");

        Assert.Equal((1, 1f), await VersionsModels.InferAsync(fixture.Server.GetClient("fraud")));
        Assert.Equal([1], VersionsStatus.Ready(fixture.Server.GetStatus("fraud")));
    }

    [Fact]
    public async Task FromRegistry_NameOnly_ServesTheLatestAndFollowsNewVersions()
    {
        await using var fixture = new RegistryServingFixture();
        fixture.Build(o => o.WaitForModelsOnStart = true, b => b.AddModel("fraud", m => m.FromRegistry("fraud")));
        await fixture.RegisterVersionsAsync("fraud", 2);
        await fixture.StartAsync();
        Assert.Equal([2], VersionsStatus.Ready(fixture.Server.GetStatus("fraud")));
        Assert.Equal((2, 2f), await VersionsModels.InferAsync(fixture.Server.GetClient("fraud")));

        await fixture.RegisterScaleAsync("fraud", 3);

        await fixture.WaitForDefaultAsync("fraud", 3, 3);
        Assert.Equal((3, 3f), await VersionsModels.InferAsync(fixture.Server.GetClient("fraud")));
    }

    [Fact]
    public async Task FromRegistry_AliasReference_FollowsTheAlias()
    {
        await using var fixture = new RegistryServingFixture();
        fixture.Build(null, b => b.AddModel("fraud", m => m.FromRegistry("fraud@champion")));
        await fixture.RegisterVersionsAsync("fraud", 2);
        await fixture.Registry.SetAliasAsync("fraud", "champion", 1);
        await fixture.Server.WaitUntilReadyAsync();
        Assert.Equal((1, 1f), await VersionsModels.InferAsync(fixture.Server.GetClient("fraud")));

        // Without a running host nothing watches the registry; ReloadAsync is what the watcher calls.
        await fixture.Registry.SetAliasAsync("fraud", "champion", 2);
        await fixture.Server.ReloadAsync("fraud");

        Assert.Equal((2, 2f), await VersionsModels.InferAsync(fixture.Server.GetClient("fraud")));
        Assert.Equal([2], VersionsStatus.Ready(fixture.Server.GetStatus("fraud")));
    }

    [Fact]
    public async Task FromRegistry_MissingAlias_FailureVisibleInStatusHealthAndRequests()
    {
        await using var fixture = new RegistryServingFixture();
        fixture.Build(null, b => b.AddModel("fraud", m => m.FromRegistry("fraud", "champion")));
        await fixture.RegisterVersionsAsync("fraud", 1);
        await fixture.StartAsync();

        var ex = await Assert.ThrowsAsync<ModelNotServedException>(() => VersionsModels.InferAsync(fixture.Server.GetClient("fraud")));

        Assert.Contains("champion", ex.Message, StringComparison.Ordinal);
        ServedModelStatus status = fixture.Server.GetStatus("fraud");
        Assert.False(status.IsReady);
        Assert.Contains("resolving its versions failed", status.LastError, StringComparison.Ordinal);
        Assert.Contains("champion", status.LastError, StringComparison.Ordinal);
        HealthCheckResult health = await CheckAsync(fixture);
        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Contains("champion", (string)health.Data["fraud"], StringComparison.Ordinal);
        var reload = await Assert.ThrowsAsync<ModelLoadException>(() => fixture.Server.ReloadAsync("fraud"));
        Assert.Equal("resolve", reload.Stage);
        Assert.IsType<ModelNotFoundException>(reload.InnerException);
    }

    [Fact]
    public async Task SetAliasAsync_AliasCreatedWhileTheHostRuns_TheModelBecomesReady()
    {
        await using var fixture = new RegistryServingFixture();
        fixture.Build(null, b => b.AddModel("fraud", m => m.FromRegistry("fraud", "champion")));
        await fixture.RegisterVersionsAsync("fraud", 2);
        await fixture.StartAsync();
        await Assert.ThrowsAsync<ModelNotServedException>(() => fixture.Server.WaitUntilReadyAsync());

        await fixture.Registry.SetAliasAsync("fraud", "champion", 2);

        await fixture.WaitForDefaultAsync("fraud", 2, 2);
        Assert.Equal((2, 2f), await VersionsModels.InferAsync(fixture.Server.GetClient("fraud")));
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(fixture)).Status);
    }

    [Fact]
    public async Task SetAliasAsync_TargetArtifactTamperedAfterRegistration_LoadFailsAndTheOldVersionKeepsServing()
    {
        await using var fixture = new RegistryServingFixture();
        fixture.Build(o => o.WaitForModelsOnStart = true, b => b.AddModel("fraud", m => m.FromRegistry("fraud", "champion")));
        await fixture.RegisterVersionsAsync("fraud", 2);
        await fixture.Registry.SetAliasAsync("fraud", "champion", 1);
        await fixture.StartAsync();

        // A valid model with another factor: served unverified, it would answer 99s.
        string blob = await fixture.Registry.GetVerifiedArtifactPathAsync("fraud", 2, "model.onnx");
        File.Copy(VersionsModels.WriteScale(fixture.Files, "tampered.onnx", 99), blob, overwrite: true);
        await using VersionsLoad load = VersionsLoad.Start(fixture.Server.GetClient("fraud"), callers: 8);
        await load.WaitForAnswersAsync(0, 100);
        await fixture.Registry.SetAliasAsync("fraud", "champion", 2);
        await VersionsPolling.UntilAsync(
            () => fixture.Server.GetStatus("fraud").Versions.Any(static v => v.Version == 2 && v.State == VersionState.Failed),
            () => $"version 2 to fail; status: {VersionsStatus.Describe(fixture.Server.GetStatus("fraud"))}");
        int after = load.NextPhase();
        await load.WaitForAnswersAsync(after, 200);
        await load.StopAsync();

        Assert.True(load.Failures.IsEmpty && load.Mismatches.IsEmpty, load.Describe());
        Assert.Equal([1], load.AnswersIn(after).Keys);
        ServedModelStatus status = fixture.Server.GetStatus("fraud");
        Assert.Equal(1, status.DefaultVersion);
        Assert.Equal([1], VersionsStatus.Ready(status));
        Assert.Contains("SHA-256", VersionsStatus.Version(status, 2).Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HealthStatus.Degraded, (await CheckAsync(fixture)).Status);
        var ex = await Assert.ThrowsAsync<ModelLoadException>(() => fixture.Server.ReloadAsync("fraud"));
        Assert.Equal((2, "resolve"), (ex.Version, ex.Stage));
        Assert.IsType<ArtifactIntegrityException>(ex.InnerException);
    }

    [Fact]
    public async Task LoadVersionAsync_RegistryModel_LoadsAnotherRegisteredVersionReachableExplicitly()
    {
        await using var fixture = new RegistryServingFixture();
        fixture.Build(null, b => b.AddModel("fraud", m => m.FromRegistry("fraud", "champion")));
        await fixture.RegisterVersionsAsync("fraud", 3);
        await fixture.Registry.SetAliasAsync("fraud", "champion", 1);
        await fixture.Server.WaitUntilReadyAsync();

        await fixture.Server.LoadVersionAsync("fraud", 3);

        Assert.Equal((1, 1f), await VersionsModels.InferAsync(fixture.Server.GetClient("fraud")));
        Assert.Equal((3, 3f), await VersionsModels.InferAsync(fixture.Server.GetClient("fraud"), new InferenceOptions { Version = 3 }));
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Server.LoadVersionAsync("fraud", 2, VersionsModels.WriteVersion(fixture.Files, "x", 2)));
        await fixture.Server.UnloadVersionAsync("fraud", 3);
        Assert.Equal([1], VersionsStatus.Ready(fixture.Server.GetStatus("fraud")));
    }
}
