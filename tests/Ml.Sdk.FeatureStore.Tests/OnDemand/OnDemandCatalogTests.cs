using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Definitions;
using static Ml.Sdk.FeatureStore.Tests.OnDemand.OnDemandDefinitions;

namespace Ml.Sdk.FeatureStore.Tests.OnDemand;

public sealed class OnDemandCatalogTests
{
    private readonly FeatureCatalog _catalog = new();
    private readonly RegisteredFeatureView _stats;

    public OnDemandCatalogTests()
    {
        _catalog.Register(new Entity("customer", new Field("customer_id", FeatureValueType.Int64)));
        _stats = _catalog.Register(StatsView(TimeSpan.FromDays(1)));
    }

    [Fact]
    public void Register_SameDefinitionAgain_ReturnsTheSameVersion()
    {
        RegisteredOnDemandFeatureView first = _catalog.Register(SpendRatio());
        RegisteredOnDemandFeatureView again = _catalog.Register(SpendRatio());

        Assert.Same(first, again);
        Assert.Equal(1, again.Version);
        Assert.Equal(["spend"], first.Sources.Select(s => s.Field.Name));
        Assert.Same(_stats, first.Sources[0].View);
        Assert.Same(first, _catalog.GetOnDemandView("spend_ratio"));
    }

    [Fact]
    public void Register_ChangedOutputs_MakesANewVersionAndKeepsTheOld()
    {
        RegisteredOnDemandFeatureView first = _catalog.Register(SpendRatio());
        RegisteredOnDemandFeatureView second = _catalog.Register(new OnDemandFeatureView(
            "spend_ratio", [new FeatureProjection("customer_stats", "spend")], [Amount], [new Field("ratio", FeatureValueType.Float64)], Ratio));

        Assert.Equal(2, second.Version);
        Assert.Equal(["ratio"], second.Outputs.Select(o => o.Name));
        Assert.Same(first, _catalog.GetOnDemandView("spend_ratio", 1));
        Assert.Same(second, _catalog.GetOnDemandView("spend_ratio"));
    }

    [Fact]
    public void Register_ChangedRequestFields_MakesANewVersion()
    {
        _catalog.Register(SpendRatio());
        RegisteredOnDemandFeatureView second = _catalog.Register(new OnDemandFeatureView(
            "spend_ratio",
            [new FeatureProjection("customer_stats", "spend")],
            [Amount, new Field("channel", FeatureValueType.String)],
            [new Field("ratio", FeatureValueType.Float64), new Field("spend_known", FeatureValueType.Bool)],
            Ratio));

        Assert.Equal(2, second.Version);
    }

    [Fact]
    public void Register_SourceViewChanged_MakesANewVersionPinnedToTheNewViewVersion()
    {
        RegisteredOnDemandFeatureView first = _catalog.Register(SpendRatio());
        RegisteredFeatureView stats2 = _catalog.Register(StatsView(TimeSpan.FromDays(2)));

        RegisteredOnDemandFeatureView second = _catalog.Register(SpendRatio());

        Assert.Equal(2, stats2.Version);
        Assert.Equal(2, second.Version);
        Assert.Equal(2, second.Sources[0].View.Version);
        Assert.Equal(1, first.Sources[0].View.Version);
    }

    [Fact]
    public void Register_OnlyTheTransformChanged_IsRejectedAskingForANewName()
    {
        _catalog.Register(SpendRatio());

        var error = Assert.Throws<FeatureDefinitionException>(() => _catalog.Register(SpendRatio(transform: RatioAsFloat)));

        Assert.Contains("spend_ratio", error.Message, StringComparison.Ordinal);
        Assert.Contains("new name", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _catalog.GetOnDemandView("spend_ratio").Version);
    }

    [Theory]
    [InlineData("unknown_view")]
    [InlineData("unknown_feature")]
    [InlineData("no_output")]
    [InlineData("duplicate_output")]
    [InlineData("output_named_like_request_field")]
    [InlineData("output_named_like_source")]
    [InlineData("bad_request_field_name")]
    [InlineData("duplicate_input")]
    [InlineData("bad_name")]
    [InlineData("no_source")]
    [InlineData("no_transform")]
    [InlineData("name_of_a_feature_view")]
    [InlineData("reads_an_on_demand_view")]
    public void Register_InvalidDefinition_ThrowsNamingTheProblem(string problem)
    {
        _catalog.Register(SpendRatio());
        Field ratio = new("ratio", FeatureValueType.Float64);
        FeatureProjection spend = new("customer_stats", "spend");
        (OnDemandFeatureView view, string expected) = problem switch
        {
            "unknown_view" => (new OnDemandFeatureView("odfv", [new FeatureProjection("nope", "spend")], [], [ratio], Ratio), "nope"),
            "unknown_feature" => (new OnDemandFeatureView("odfv", [new FeatureProjection("customer_stats", "nope")], [], [ratio], Ratio), "customer_stats:nope"),
            "no_output" => (new OnDemandFeatureView("odfv", [spend], [], [], Ratio), "no output"),
            "duplicate_output" => (new OnDemandFeatureView("odfv", [spend], [], [ratio, ratio], Ratio), "'ratio' twice"),
            "output_named_like_request_field" => (new OnDemandFeatureView("odfv", [spend], [Amount], [new Field("amount", FeatureValueType.Float64)], Ratio), "'amount'"),
            "output_named_like_source" => (new OnDemandFeatureView("odfv", [spend], [], [new Field("spend", FeatureValueType.Float64)], Ratio), "'spend'"),
            "bad_request_field_name" => (new OnDemandFeatureView("odfv", [spend], [new Field("1amount", FeatureValueType.Float64)], [ratio], Ratio), "'1amount'"),
            "duplicate_input" => (new OnDemandFeatureView("odfv", [spend], [new Field("spend", FeatureValueType.Float64)], [ratio], Ratio), "two inputs named 'spend'"),
            "bad_name" => (new OnDemandFeatureView("odfv-x", [spend], [], [ratio], Ratio), "'odfv-x'"),
            "no_source" => (new OnDemandFeatureView("odfv", [], [Amount], [ratio], Ratio), "no feature view"),
            "no_transform" => (new OnDemandFeatureView("odfv", [spend], [], [ratio], null!), "no transform"),
            "name_of_a_feature_view" => (new OnDemandFeatureView("customer_stats", [spend], [], [ratio], Ratio), "name of a feature view"),
            "reads_an_on_demand_view" => (new OnDemandFeatureView("odfv", [new FeatureProjection("spend_ratio", "ratio")], [], [new Field("r2", FeatureValueType.Float64)], Ratio), "stored feature views only"),
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };

        var error = Assert.Throws<FeatureDefinitionException>(() => _catalog.Register(view));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Throws<FeatureDefinitionException>(() => _catalog.GetOnDemandView("odfv"));
    }

    [Fact]
    public void RegisterFeatureView_NameOfAnOnDemandView_IsRejected()
    {
        _catalog.Register(SpendRatio());

        var error = Assert.Throws<FeatureDefinitionException>(() => _catalog.Register(
            new FeatureView("spend_ratio", ["customer"], [new Field("x", FeatureValueType.Int32)], FeatureSource.Ingested())));

        Assert.Contains("on-demand", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegisterService_MixingStoredAndOnDemandFeatures_KeepsTheOrderAndKindOfEach()
    {
        RegisteredOnDemandFeatureView onDemand = _catalog.Register(SpendRatio());

        RegisteredFeatureService service = _catalog.Register(new FeatureService(
            "fraud",
            new FeatureProjection("customer_stats", "count"),
            new FeatureProjection("spend_ratio", "ratio"),
            new FeatureProjection("customer_stats", "spend"),
            new FeatureProjection("spend_ratio", "spend_known")));

        Assert.Equal(["customer_stats:count", "spend_ratio:ratio", "customer_stats:spend", "spend_ratio:spend_known"], service.Features.Select(f => f.Reference));
        Assert.Equal([false, true, false, true], service.Features.Select(f => f.IsOnDemand));
        Assert.Same(onDemand, service.Features[1].OnDemandView);
        Assert.Equal([_stats], service.Views);
        Assert.Equal([onDemand], service.OnDemandViews);
        Assert.Throws<InvalidOperationException>(() => service.Features[1].View);
    }

    [Fact]
    public void RegisterService_OnDemandProjectionWithoutNames_TakesEveryOutput()
    {
        _catalog.Register(SpendRatio());

        RegisteredFeatureService service = _catalog.Register(new FeatureService("odfv_only", new FeatureProjection("spend_ratio")));

        Assert.Equal(["spend_ratio:ratio", "spend_ratio:spend_known"], service.Features.Select(f => f.Reference));

        // The service reads the on-demand view's source view, although it takes none of its features.
        Assert.Equal([_stats], service.Views);
    }

    [Fact]
    public void RegisterService_UnknownOutput_Throws()
    {
        _catalog.Register(SpendRatio());

        var error = Assert.Throws<FeatureDefinitionException>(() => _catalog.Register(new FeatureService("bad", new FeatureProjection("spend_ratio", "nope"))));

        Assert.Contains("spend_ratio:nope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegisterService_AfterTheOnDemandViewChanged_MakesANewServiceVersion()
    {
        _catalog.Register(SpendRatio());
        var definition = new FeatureService("fraud", new FeatureProjection("spend_ratio", "ratio"));
        RegisteredFeatureService first = _catalog.Register(definition);
        Assert.Same(first, _catalog.Register(definition));
        _catalog.Register(new OnDemandFeatureView(
            "spend_ratio", [new FeatureProjection("customer_stats", "spend")], [Amount], [new Field("ratio", FeatureValueType.Float64)], Ratio));

        RegisteredFeatureService second = _catalog.Register(definition);

        Assert.Equal(2, second.Version);
        Assert.Equal(1, first.Features[0].OnDemandView!.Version);
        Assert.Equal(2, second.Features[0].OnDemandView!.Version);
    }

    [Fact]
    public void ResolveFeatures_OnDemandReferences_ResolveOutputsInOrder()
    {
        _catalog.Register(SpendRatio());

        IReadOnlyList<ServiceFeature> one = _catalog.ResolveFeatures(["spend_ratio:spend_known", "customer_stats:spend"]);
        IReadOnlyList<ServiceFeature> all = _catalog.ResolveFeatures(["spend_ratio"]);

        Assert.Equal(["spend_ratio:spend_known", "customer_stats:spend"], one.Select(f => f.Reference));
        Assert.True(one[0].IsOnDemand);
        Assert.False(one[1].IsOnDemand);
        Assert.Equal(["ratio", "spend_known"], all.Select(f => f.Field.Name));
        Assert.Throws<FeatureDefinitionException>(() => _catalog.ResolveFeatures(["spend_ratio:nope"]));
    }

    private static FeatureView StatsView(TimeSpan ttl) => new(
        "customer_stats",
        ["customer"],
        [new Field("spend", FeatureValueType.Float64), new Field("count", FeatureValueType.Int32)],
        FeatureSource.Ingested())
    { Ttl = ttl };
}
