using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Ml.Sdk.Core.Observability;
using Ml.Sdk.Serving.Tests.TestSupport;

namespace Ml.Sdk.Serving.Tests.Routing;

public sealed class ShadowTests
{
    private const int Requests = 200;

    private static async Task<RegistryServingFixture> ServeAsync(string model, VersionsObserver observer, Action<ServedModelOptions> routing)
    {
        var fixture = new RegistryServingFixture();
        fixture.Build(
            null,
            b => b.AddModel(model, m => routing(m.FromRegistry("fraud", "champion"))),
            s => s.AddSingleton<IInferenceObserver>(observer));
        await fixture.RegisterVersionsAsync("fraud", 2);
        await fixture.Registry.SetAliasAsync("fraud", "champion", 1);
        await fixture.Registry.SetAliasAsync("fraud", "challenger", 2);
        await fixture.Server.WaitUntilReadyAsync();
        return fixture;
    }

    [Fact]
    public async Task WithShadow_EveryRequest_CallersGetTheDefaultWhileObserversSeeTheShadowsOutputs()
    {
        var observer = new VersionsObserver();
        using MetricCollector<long> shadows = VersionsInternals.Counter(ServingTelemetry.ShadowRequestsInstrument);
        await using RegistryServingFixture fixture = await ServeAsync("fraud-shadow", observer, static m => m.WithShadow(2));
        IModelClient client = fixture.Server.GetClient("fraud-shadow");

        for (int i = 0; i < Requests; i++)
        {
            var options = new InferenceOptions { RequestId = $"r{i}" };
            Assert.Equal((1, 1f), i % 2 == 0 ? await VersionsModels.InferAsync(client, options) : await VersionsModels.InferGeneralAsync(client, options));
        }

        await VersionsPolling.UntilAsync(
            () => observer.Count("fraud-shadow", "2") >= Requests && observer.Count("fraud-shadow", "1") >= Requests,
            () => $"{Requests} events of each version; got {observer.Count("fraud-shadow", "1")} of 1 and {observer.Count("fraud-shadow", "2")} of 2");
        ObservedInference[] events = [.. observer.Events];
        Assert.Equal(2 * Requests, events.Length);
        Assert.All(events.Where(static e => e.Version == "1"), static e => Assert.Equal(1f, e.Factor));
        Assert.All(events.Where(static e => e.Version == "2"), static e => Assert.Equal(2f, e.Factor));
        Assert.Equal(Requests, VersionsInternals.Sum(shadows, "fraud-shadow", "ml_sdk.shadow.outcome", "queued"));
        Assert.Equal(Requests, VersionsInternals.Sum(shadows, "fraud-shadow", ServingTelemetry.VersionTag, "2"));
    }

    [Fact]
    public async Task WithShadow_RequestId_ShadowEventsCarryTheCallersRequestId()
    {
        var observer = new VersionsObserver();
        await using RegistryServingFixture fixture = await ServeAsync("fraud-shadow-ids", observer, static m => m.WithShadow(2));
        IModelClient client = fixture.Server.GetClient("fraud-shadow-ids");

        for (int i = 0; i < 20; i++)
        {
            await VersionsModels.InferAsync(client, new InferenceOptions { RequestId = $"r{i}" });
        }

        // The request id is how an observer pairs a shadow's output with the answer the caller got.
        await VersionsPolling.UntilAsync(() => observer.Count("fraud-shadow-ids", "2") >= 20, "20 shadow events");
        string?[] shadowIds = [.. observer.Events.Where(static e => e.Version == "2").Select(static e => e.RequestId).Order()];
        string?[] primaryIds = [.. observer.Events.Where(static e => e.Version == "1").Select(static e => e.RequestId).Order()];
        Assert.Equal(primaryIds, shadowIds);
    }

    [Fact]
    public async Task WithShadow_UnderConcurrentCallers_NoCallerEverGetsTheShadowsAnswer()
    {
        var observer = new VersionsObserver();
        await using RegistryServingFixture fixture = await ServeAsync("fraud-shadow-load", observer, static m => m.WithShadow(2));

        await using VersionsLoad load = VersionsLoad.Start(fixture.Server.GetClient("fraud-shadow-load"), callers: 16);
        await load.WaitForAnswersAsync(0, 500);
        await load.StopAsync();

        Assert.True(load.Failures.IsEmpty && load.Mismatches.IsEmpty, load.Describe());
        Assert.Equal([1], load.AnswersIn(0).Keys);

        // Under this load the observer queue is full and drops events (bounded by design), shadow ones included, and
        // on a starved machine it can drop every one. Requests sent once the load is over are always observed.
        IModelClient client = fixture.Server.GetClient("fraud-shadow-load");
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal((1, 1f), await VersionsModels.InferAsync(client));
        }

        await VersionsPolling.UntilAsync(() => observer.Count("fraud-shadow-load", "2") > 0, "a shadow event");
        Assert.All(observer.Events.Where(static e => e.Version == "2"), static e => Assert.Equal(2f, e.Factor));
    }

    [Fact]
    public async Task WithShadow_AliasTarget_ResolvesThroughTheRegistry()
    {
        var observer = new VersionsObserver();
        await using RegistryServingFixture fixture = await ServeAsync("fraud-shadow-alias", observer, static m => m.WithShadow("challenger"));
        IModelClient client = fixture.Server.GetClient("fraud-shadow-alias");

        for (int i = 0; i < 20; i++)
        {
            Assert.Equal((1, 1f), await VersionsModels.InferAsync(client));
        }

        await VersionsPolling.UntilAsync(() => observer.Count("fraud-shadow-alias", "2") >= 20, "20 shadow events of version 2");
        Assert.All(observer.Events.Where(static e => e.Version == "2"), static e => Assert.Equal(2f, e.Factor));
        Assert.Equal([1, 2], VersionsStatus.Ready(fixture.Server.GetStatus("fraud-shadow-alias")));
    }

    [Fact]
    public async Task WithShadow_ZeroPercent_NothingIsMirrored()
    {
        var observer = new VersionsObserver();
        using MetricCollector<long> shadows = VersionsInternals.Counter(ServingTelemetry.ShadowRequestsInstrument);
        await using RegistryServingFixture fixture = await ServeAsync("fraud-shadow-zero", observer, static m => m.WithShadow(2, 0));
        IModelClient client = fixture.Server.GetClient("fraud-shadow-zero");

        for (int i = 0; i < Requests; i++)
        {
            Assert.Equal((1, 1f), await VersionsModels.InferAsync(client));
        }

        // A mirrored request is counted before it is queued, so the counter settles the question; the observer's
        // queue is in order, so once the last primary event is seen a shadow event queued earlier would be too.
        await VersionsPolling.UntilAsync(() => observer.Count("fraud-shadow-zero", "1") >= Requests, $"{Requests} primary events");
        Assert.Equal(0, VersionsInternals.Sum(shadows, "fraud-shadow-zero"));
        Assert.Equal(0, observer.Count("fraud-shadow-zero", "2"));
    }

    [Fact]
    public async Task WithShadow_SeededHalf_AboutHalfIsMirrored()
    {
        var observer = new VersionsObserver();
        using MetricCollector<long> shadows = VersionsInternals.Counter(ServingTelemetry.ShadowRequestsInstrument);
        await using RegistryServingFixture fixture = await ServeAsync("fraud-shadow-half", observer, static m =>
        {
            m.WithShadow(2, 50);
            m.Routing.Seed = 13;
        });
        IModelClient client = fixture.Server.GetClient("fraud-shadow-half");

        for (int i = 0; i < 2_000; i++)
        {
            Assert.Equal((1, 1f), await VersionsModels.InferAsync(client));
        }

        Assert.InRange(VersionsInternals.Sum(shadows, "fraud-shadow-half"), 900, 1_100);
    }
}
