using Microsoft.Extensions.DependencyInjection;
using Ml.Sdk.Serving.Internal;
using Ml.Sdk.Serving.Tests.TestSupport;

namespace Ml.Sdk.Serving.Tests.Hosting;

public sealed class HotSwapTests
{
    [Fact]
    public async Task LoadVersionAsync_MakeDefaultUnderConcurrentLoad_NoFailedRequestAndOnlyTheNewVersionAfterwards()
    {
        await using var fixture = new ServingFixture();
        string v1 = VersionsModels.WriteVersion(fixture.Root, "m", 1);
        string v2 = VersionsModels.WriteVersion(fixture.Root, "m", 2);
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("m", m => m.FromFile(v1, 1)));
        IModelServer server = provider.GetRequiredService<IModelServer>();
        await server.WaitUntilReadyAsync();

        await using VersionsLoad load = VersionsLoad.Start(server.GetClient("m"), callers: 16);
        await load.WaitForAnswersAsync(0, 200);
        await server.LoadVersionAsync("m", 2, v2, makeDefault: true);
        int after = load.NextPhase();
        await load.WaitForAnswersAsync(after, 500);
        await load.StopAsync();

        Assert.True(load.Failures.IsEmpty && load.Mismatches.IsEmpty, load.Describe());
        Assert.True(load.AnswersIn(0).ContainsKey(1), load.Describe());
        Assert.Equal([2], load.AnswersIn(after).Keys);
        ServedModelStatus status = server.GetStatus("m");
        Assert.Equal(2, status.DefaultVersion);
        Assert.Equal([2], status.Versions.Where(static v => v.IsDefault).Select(static v => v.Version));
        Assert.Null(status.LastError);
    }

    [Fact]
    public async Task LoadVersionAsync_MakeDefault_ConfiguredFileVersionStaysReachableExplicitly()
    {
        await using var fixture = new ServingFixture();
        string v1 = VersionsModels.WriteVersion(fixture.Root, "m", 1);
        string v2 = VersionsModels.WriteVersion(fixture.Root, "m", 2);
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("m", m => m.FromFile(v1, 1)));
        IModelServer server = provider.GetRequiredService<IModelServer>();
        await server.WaitUntilReadyAsync();

        await server.LoadVersionAsync("m", 2, v2, makeDefault: true);

        // Version 1 is in the model's configuration, so it stays loaded; it just no longer answers by default.
        Assert.Equal((2, 2f), await VersionsModels.InferAsync(server.GetClient("m")));
        Assert.Equal((1, 1f), await VersionsModels.InferAsync(server.GetClient("m"), new InferenceOptions { Version = 1 }));
        Assert.Equal([1, 2], VersionsStatus.Ready(server.GetStatus("m")));
    }

    [Fact]
    public async Task ReloadAsync_ReloadAllAfterFileReplacedUnderLoad_FreshSessionsAnswerWithoutFailedRequests()
    {
        await using var fixture = new ServingFixture();
        string v1 = VersionsModels.WriteVersion(fixture.Root, "m", 1);
        string v2 = VersionsModels.WriteVersion(fixture.Root, "m", 2);
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("m", m => m.FromFile(v1, 1).FromFile(v2, 2)));
        IModelServer server = provider.GetRequiredService<IModelServer>();
        await server.WaitUntilReadyAsync();
        LoadedVersion old1 = VersionsInternals.Loaded(server, "m", 1);
        LoadedVersion old2 = VersionsInternals.Loaded(server, "m", 2);

        // The replaced file of version 2 scales by 20, which only a fresh session can show: requests that started
        // before the reload returned may see either factor, later ones only 20.
        await using VersionsLoad load = VersionsLoad.Start(
            server.GetClient("m"),
            callers: 16,
            accepts: static (phase, version, factor) => version == 2 && (factor == 20 || (phase == 0 && factor == 2)));
        await load.WaitForAnswersAsync(0, 200);
        VersionsModels.WriteScale(fixture.Root, "m-v2.onnx", 20);
        await server.ReloadAsync("m", reloadAll: true);
        int after = load.NextPhase();
        await load.WaitForAnswersAsync(after, 300);
        await load.StopAsync();

        Assert.True(load.Failures.IsEmpty && load.Mismatches.IsEmpty, load.Describe());
        Assert.Equal((1, 1f), await VersionsModels.InferAsync(server.GetClient("m"), new InferenceOptions { Version = 1 }));
        Assert.NotSame(old1, VersionsInternals.Loaded(server, "m", 1));
        Assert.NotSame(old2, VersionsInternals.Loaded(server, "m", 2));
        await VersionsPolling.UntilAsync(
            () => VersionsInternals.IsDisposed(old1) && VersionsInternals.IsDisposed(old2),
            () => $"the replaced sessions to be disposed (in flight: {old1.InFlight}, {old2.InFlight})");
        Assert.Equal([1, 2], VersionsStatus.Ready(server.GetStatus("m")));
    }

    [Fact]
    public async Task ReloadAsync_RequestStillHoldingTheOldSession_OldSessionDisposedOnlyWhenItFinishes()
    {
        await using var fixture = new ServingFixture();
        string v1 = VersionsModels.WriteVersion(fixture.Root, "m", 1);
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("m", m => m.FromFile(v1, 1)));
        IModelServer server = provider.GetRequiredService<IModelServer>();
        await server.WaitUntilReadyAsync();
        LoadedVersion old = VersionsInternals.Loaded(server, "m", 1);

        // A request's lease, as a queued or running request holds it.
        Assert.True(old.TryAcquire());
        await server.ReloadAsync("m", reloadAll: true);

        Assert.True(old.IsRetired);
        Assert.False(VersionsInternals.IsDisposed(old));
        Assert.False(old.TryAcquire());
        Assert.Equal((1, 1f), await VersionsModels.InferAsync(server.GetClient("m")));
        old.ReleaseLease();
        Assert.True(VersionsInternals.IsDisposed(old));
        Assert.Equal((1, 1f), await VersionsModels.InferAsync(server.GetClient("m")));
    }
}
