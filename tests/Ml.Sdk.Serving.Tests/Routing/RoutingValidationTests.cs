using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ml.Sdk.Serving.Tests.TestSupport;

namespace Ml.Sdk.Serving.Tests.Routing;

public sealed class RoutingValidationTests
{
    public static TheoryData<string, Action<ServedModelOptions>, string> InvalidRoutings => new()
    {
        { "zero weight", static m => m.SplitTraffic(new TrafficSplit(1, 90), new TrafficSplit(2, 0)), "weight" },
        { "negative weight", static m => m.SplitTraffic(new TrafficSplit(1, -1)), "weight" },
        { "NaN weight", static m => m.SplitTraffic(new TrafficSplit(1, double.NaN)), "weight" },
        { "infinite weight", static m => m.SplitTraffic(new TrafficSplit(1, double.PositiveInfinity)), "weight" },
        { "canary above 100", static m => m.WithCanary(2, 150), "CanaryPercent is 150" },
        { "negative canary", static m => m.WithCanary(2, -5), "CanaryPercent is -5" },
        { "canary percent alone", static m => m.Routing.CanaryPercent = 5, "without a Canary" },
        { "shadow above 100", static m => m.WithShadow(2, 101), "ShadowPercent is 101" },
    };

    [Theory]
    [MemberData(nameof(InvalidRoutings))]
    public async Task AddModel_InvalidRouting_ResolvingTheServerThrowsOptionsValidationNamingTheModel(string scenario, Action<ServedModelOptions> routing, string expected)
    {
        await using var fixture = new ServingFixture();
        string v1 = VersionsModels.WriteVersion(fixture.Root, "m", 1);
        string v2 = VersionsModels.WriteVersion(fixture.Root, "m", 2);
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("scoring", m => routing(m.FromFile(v1, 1).FromFile(v2, 2))));

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IModelServer>());

        Assert.Equal("scoring", ex.OptionsName);
        Assert.Equal(typeof(ServedModelOptions), ex.OptionsType);
        Assert.Contains("Served model 'scoring'", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Message.Contains(expected, StringComparison.Ordinal), $"{scenario}: '{ex.Message}' does not say '{expected}'.");
    }

    [Fact]
    public async Task AddModelAsync_InvalidRouting_ThrowsOptionsValidationAndTheModelIsNotAdded()
    {
        await using var fixture = new ServingFixture();
        string v1 = VersionsModels.WriteVersion(fixture.Root, "m", 1);
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("a", m => m.FromFile(v1, 1)));
        IModelServer server = provider.GetRequiredService<IModelServer>();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => server.AddModelAsync("late", m => m.FromFile(v1, 1).WithCanary(1, 150)));

        Assert.Contains("Served model 'late'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["a"], server.ModelNames);
    }

    [Fact]
    public async Task AddModel_ValidBoundaryPercents_ServesWithoutError()
    {
        await using var fixture = new ServingFixture();
        string v1 = VersionsModels.WriteVersion(fixture.Root, "m", 1);
        string v2 = VersionsModels.WriteVersion(fixture.Root, "m", 2);
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("m", m => m.FromFile(v1, 1).FromFile(v2, 2).WithCanary(1, 100).WithShadow(2, 0)));
        IModelServer server = provider.GetRequiredService<IModelServer>();

        // The canary takes every request at 100%.
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal((1, 1f), await VersionsModels.InferAsync(server.GetClient("m")));
        }
    }

    [Fact]
    public void VersionTarget_Parse_NumbersAreVersionsAndAnythingElseAnAlias()
    {
        Assert.Equal(VersionTarget.ForVersion(3), VersionTarget.Parse(" 3 "));
        Assert.Equal(VersionTarget.ForAlias("challenger"), VersionTarget.Parse("@challenger"));
        Assert.Equal(VersionTarget.ForAlias("challenger"), (VersionTarget)"challenger");
        Assert.Equal("@challenger", VersionTarget.ForAlias("challenger").ToString());
        Assert.Equal("3", ((VersionTarget)3).ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => VersionTarget.ForVersion(0));
        Assert.Throws<ArgumentException>(() => VersionTarget.Parse(" "));
    }
}
