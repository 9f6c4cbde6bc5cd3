using Microsoft.Extensions.DependencyInjection;
using Ml.Sdk.Serving.Tests.TestSupport;

namespace Ml.Sdk.Serving.Tests.Routing;

public sealed class TrafficSplitTests
{
    private const int Requests = 10_000;

    private static async Task<IModelClient> ServeAsync(ServingFixture fixture, int versions, Action<ServedModelOptions> routing)
    {
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("m", m =>
        {
            for (int v = 1; v <= versions; v++)
            {
                m.FromFile(VersionsModels.WriteVersion(fixture.Root, "m", v), v);
            }

            routing(m);
        }));
        IModelServer server = provider.GetRequiredService<IModelServer>();
        await server.WaitUntilReadyAsync();
        return server.GetClient("m");
    }

    /// <summary>Sends requests one after another and counts the versions that answered (checking each output's factor).</summary>
    private static async Task<Dictionary<int, int>> CountAsync(IModelClient client, int requests, Func<int, InferenceOptions?> options)
    {
        var counts = new Dictionary<int, int>();
        float[] output = new float[VersionsModels.Width];
        for (int i = 0; i < requests; i++)
        {
            InferenceResult result = await client.InferAsync<float, float>(VersionsModels.Row, output, options(i));
            Assert.Equal(result.Version, VersionsModels.FactorOf(VersionsModels.Row, output));
            counts[result.Version] = counts.GetValueOrDefault(result.Version) + 1;
        }

        return counts;
    }

    private static void AssertShare(Dictionary<int, int> counts, int version, double expectedPercent, double tolerancePercent = 1.5)
    {
        double share = 100.0 * counts.GetValueOrDefault(version) / counts.Values.Sum();
        Assert.True(
            Math.Abs(share - expectedPercent) <= tolerancePercent,
            $"version {version} got {share:F2}% of the traffic, expected {expectedPercent}% ± {tolerancePercent}% " +
            $"(counts: {string.Join(", ", counts.OrderBy(static c => c.Key).Select(static c => $"v{c.Key}={c.Value}"))})");
    }

    [Fact]
    public async Task SplitTraffic_SeededRequestsWithoutKey_SharesFollowTheWeights()
    {
        await using var fixture = new ServingFixture();
        IModelClient client = await ServeAsync(fixture, 2, m =>
        {
            m.SplitTraffic(new TrafficSplit(1, 90), new TrafficSplit(2, 10));
            m.Routing.Seed = 42;
        });

        Dictionary<int, int> counts = await CountAsync(client, Requests, static _ => null);

        Assert.Equal([1, 2], counts.Keys.Order());
        AssertShare(counts, 2, 10);
        AssertShare(counts, 1, 90);
    }

    [Fact]
    public async Task SplitTraffic_SameSeedInTwoServers_SameSequenceOfVersions()
    {
        await using var first = new ServingFixture();
        await using var second = new ServingFixture();
        Action<ServedModelOptions> routing = static m =>
        {
            m.SplitTraffic(new TrafficSplit(1, 50), new TrafficSplit(2, 50));
            m.Routing.Seed = 7;
        };
        IModelClient a = await ServeAsync(first, 2, routing);
        IModelClient b = await ServeAsync(second, 2, routing);

        var sequenceA = new List<int>();
        var sequenceB = new List<int>();
        for (int i = 0; i < 200; i++)
        {
            sequenceA.Add((await VersionsModels.InferAsync(a)).Version);
            sequenceB.Add((await VersionsModels.InferAsync(b)).Version);
        }

        Assert.Equal(sequenceA, sequenceB);
        Assert.Contains(1, sequenceA);
        Assert.Contains(2, sequenceA);
    }

    [Fact]
    public async Task SplitTraffic_RoutingKey_EachKeySticksToOneVersionAndKeysFollowTheWeights()
    {
        await using var fixture = new ServingFixture();
        IModelClient client = await ServeAsync(fixture, 2, static m =>
        {
            m.SplitTraffic(new TrafficSplit(1, 90), new TrafficSplit(2, 10));
            m.Routing.Seed = 1;
        });
        InferenceOptions[] keys = [.. Enumerable.Range(0, Requests).Select(static i => new InferenceOptions { RoutingKey = $"customer-{i}" })];

        var assigned = new int[Requests];
        float[] output = new float[VersionsModels.Width];
        for (int i = 0; i < Requests; i++)
        {
            assigned[i] = (await client.InferAsync<float, float>(VersionsModels.Row, output, keys[i])).Version;
        }

        Dictionary<int, int> counts = assigned.GroupBy(static v => v).ToDictionary(static g => g.Key, static g => g.Count());
        AssertShare(counts, 2, 10);
        for (int i = 0; i < Requests; i += 25)
        {
            for (int repeat = 0; repeat < 4; repeat++)
            {
                Assert.Equal(assigned[i], (await VersionsModels.InferAsync(client, keys[i])).Version);
            }
        }
    }

    [Fact]
    public async Task SplitTraffic_RoutingKeyInAnotherServerWithAnotherSeed_SameVersion()
    {
        await using var first = new ServingFixture();
        await using var second = new ServingFixture();
        IModelClient a = await ServeAsync(first, 2, static m =>
        {
            m.SplitTraffic(new TrafficSplit(1, 50), new TrafficSplit(2, 50));
            m.Routing.Seed = 1;
        });
        IModelClient b = await ServeAsync(second, 2, static m => m.SplitTraffic(new TrafficSplit(1, 50), new TrafficSplit(2, 50)));

        int[] inA = new int[300];
        for (int i = 0; i < inA.Length; i++)
        {
            var key = new InferenceOptions { RoutingKey = $"user-{i}" };
            inA[i] = (await VersionsModels.InferAsync(a, key)).Version;
            Assert.Equal(inA[i], (await VersionsModels.InferAsync(b, key)).Version);
        }

        Assert.Contains(1, inA);
        Assert.Contains(2, inA);
    }

    [Fact]
    public async Task WithCanaryAndSplitTraffic_Seeded_CanaryTakesItsShareAndTheArmsSplitTheRest()
    {
        await using var fixture = new ServingFixture();
        IModelClient client = await ServeAsync(fixture, 3, static m =>
        {
            m.SplitTraffic(new TrafficSplit(1, 50), new TrafficSplit(2, 50)).WithCanary(3, 20);
            m.Routing.Seed = 3;
        });

        Dictionary<int, int> counts = await CountAsync(client, Requests, static _ => null);

        AssertShare(counts, 3, 20);
        AssertShare(counts, 1, 40, 2);
        AssertShare(counts, 2, 40, 2);
    }

    [Fact]
    public async Task WithCanaryAndSplitTraffic_RoutingKeys_SharesFollowTheWeights()
    {
        await using var fixture = new ServingFixture();
        IModelClient client = await ServeAsync(fixture, 3, static m =>
            m.SplitTraffic(new TrafficSplit(1, 50), new TrafficSplit(2, 50)).WithCanary(3, 20));

        Dictionary<int, int> counts = await CountAsync(client, Requests, static i => new InferenceOptions { RoutingKey = $"k{i}" });

        AssertShare(counts, 3, 20);
        AssertShare(counts, 1, 40, 2);
        AssertShare(counts, 2, 40, 2);
    }

    [Fact]
    public async Task InferAsync_ExplicitVersion_WinsOverSplitAndCanary()
    {
        await using var fixture = new ServingFixture();
        IModelClient client = await ServeAsync(fixture, 3, static m =>
            m.SplitTraffic(new TrafficSplit(2, 50), new TrafficSplit(3, 50)).WithCanary(3, 50));

        Dictionary<int, int> counts = await CountAsync(client, 500, static i => new InferenceOptions { Version = 1, RoutingKey = $"k{i}" });

        Assert.Equal(new Dictionary<int, int> { [1] = 500 }, counts);
    }

    [Fact]
    public async Task SplitTraffic_ArmOnAVersionThatFailsToLoad_ItsShareGoesToTheOtherArms()
    {
        await using var fixture = new ServingFixture();
        string v1 = VersionsModels.WriteVersion(fixture.Root, "m", 1);
        string broken = VersionsModels.WriteFailsAtRun(fixture.Root, "m-v2.onnx");
        string v3 = VersionsModels.WriteVersion(fixture.Root, "m", 3);
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("m", m => m
            .FromFile(v1, 1).FromFile(broken, 2).FromFile(v3, 3)
            .SplitTraffic(new TrafficSplit(1, 25), new TrafficSplit(2, 50), new TrafficSplit(3, 25))));
        IModelServer server = provider.GetRequiredService<IModelServer>();
        await server.WaitUntilReadyAsync();

        Dictionary<int, int> counts = await CountAsync(server.GetClient("m"), 2_000, static i => new InferenceOptions { RoutingKey = $"k{i}" });

        Assert.Equal([1, 3], counts.Keys.Order());
        AssertShare(counts, 1, 50, 5);
        Assert.Equal(VersionState.Failed, VersionsStatus.Version(server.GetStatus("m"), 2).State);
    }
}
