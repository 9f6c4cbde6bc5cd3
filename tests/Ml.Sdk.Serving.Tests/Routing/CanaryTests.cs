using Microsoft.Extensions.DependencyInjection;
using Ml.Sdk.Serving.Tests.TestSupport;

namespace Ml.Sdk.Serving.Tests.Routing;

public sealed class CanaryTests
{
    private const int Requests = 10_000;

    private static async Task<Dictionary<int, int>> CountAsync(IModelClient client, Func<int, InferenceOptions?> options)
    {
        var counts = new Dictionary<int, int>();
        float[] output = new float[VersionsModels.Width];
        for (int i = 0; i < Requests; i++)
        {
            InferenceResult result = await client.InferAsync<float, float>(VersionsModels.Row, output, options(i));
            Assert.Equal(result.Version, VersionsModels.FactorOf(VersionsModels.Row, output));
            counts[result.Version] = counts.GetValueOrDefault(result.Version) + 1;
        }

        return counts;
    }

    private static double Percent(Dictionary<int, int> counts, int version) => 100.0 * counts.GetValueOrDefault(version) / counts.Values.Sum();

    private static async Task<RegistryServingFixture> ServeChampionAsync(Action<ServedModelOptions> routing)
    {
        var fixture = new RegistryServingFixture();
        fixture.Build(null, b => b.AddModel("fraud", m => routing(m.FromRegistry("fraud", "champion"))));
        await fixture.RegisterVersionsAsync("fraud", 2);
        await fixture.Registry.SetAliasAsync("fraud", "champion", 1);
        await fixture.Registry.SetAliasAsync("fraud", "challenger", 2);
        await fixture.Server.WaitUntilReadyAsync();
        return fixture;
    }

    [Fact]
    public async Task WithCanary_SeededRequestsWithoutKey_CanaryGetsItsPercent()
    {
        await using RegistryServingFixture fixture = await ServeChampionAsync(static m =>
        {
            m.WithCanary(2, 5);
            m.Routing.Seed = 11;
        });

        Dictionary<int, int> counts = await CountAsync(fixture.Server.GetClient("fraud"), static _ => null);

        Assert.Equal([1, 2], counts.Keys.Order());
        Assert.InRange(Percent(counts, 2), 3.5, 6.5);
        Assert.Equal(1, fixture.Server.GetStatus("fraud").DefaultVersion);
    }

    [Fact]
    public async Task WithCanary_RoutingKeys_CanaryGetsItsPercentAndKeysStick()
    {
        await using RegistryServingFixture fixture = await ServeChampionAsync(static m => m.WithCanary(2, 5));
        IModelClient client = fixture.Server.GetClient("fraud");

        Dictionary<int, int> counts = await CountAsync(client, static i => new InferenceOptions { RoutingKey = $"account-{i}" });

        Assert.InRange(Percent(counts, 2), 3.5, 6.5);
        for (int i = 0; i < 200; i++)
        {
            var key = new InferenceOptions { RoutingKey = $"account-{i}" };
            int first = (await VersionsModels.InferAsync(client, key)).Version;
            Assert.Equal(first, (await VersionsModels.InferAsync(client, key)).Version);
            Assert.Equal(first, (await VersionsModels.InferGeneralAsync(client, key)).Version);
        }
    }

    [Fact]
    public async Task WithCanary_AliasTarget_ResolvesThroughTheRegistry()
    {
        await using RegistryServingFixture fixture = await ServeChampionAsync(static m =>
        {
            m.WithCanary("challenger", 30);
            m.Routing.Seed = 5;
        });

        Dictionary<int, int> counts = await CountAsync(fixture.Server.GetClient("fraud"), static _ => null);

        Assert.InRange(Percent(counts, 2), 28, 32);
        Assert.Equal([1, 2], VersionsStatus.Ready(fixture.Server.GetStatus("fraud")));
    }

    [Fact]
    public async Task SplitTraffic_AliasArms_ResolveThroughTheRegistry()
    {
        await using RegistryServingFixture fixture = await ServeChampionAsync(static m =>
        {
            m.SplitTraffic(new TrafficSplit("champion", 75), new TrafficSplit("@challenger", 25));
            m.Routing.Seed = 9;
        });

        Dictionary<int, int> counts = await CountAsync(fixture.Server.GetClient("fraud"), static _ => null);

        Assert.InRange(Percent(counts, 2), 23.5, 26.5);
    }

    [Fact]
    public async Task WithCanary_AliasTargetOnAFileModel_LoadFailsNamingTheAlias()
    {
        await using var fixture = new ServingFixture();
        string v1 = VersionsModels.WriteVersion(fixture.Root, "m", 1);
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("m", m => m.FromFile(v1, 1).WithCanary("challenger", 10)));
        IModelServer server = provider.GetRequiredService<IModelServer>();

        var ex = await Assert.ThrowsAsync<ModelNotServedException>(() => server.WaitUntilReadyAsync());

        Assert.Contains("@challenger", ex.Message, StringComparison.Ordinal);
        Assert.Contains("@challenger", server.GetStatus("m").LastError, StringComparison.Ordinal);
    }
}
