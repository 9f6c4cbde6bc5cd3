using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Definitions;

namespace Ml.Sdk.FeatureStore.Tests.Catalog;

public sealed class FeatureCatalogTests
{
    private static readonly Entity Customer = new("customer", new Field("customer_id", FeatureValueType.Int64));

    [Fact]
    public void Register_View_ResolvesItsEntitiesJoinKeysAsVersion1()
    {
        FeatureCatalog catalog = CatalogWithCustomer();

        RegisteredFeatureView view = catalog.Register(Stats());

        Assert.Equal(1, view.Version);
        Assert.Equal([new Field("customer_id", FeatureValueType.Int64)], view.JoinKeys);
        Assert.Same(view, catalog.GetView("customer_stats"));
    }

    [Fact]
    public void Register_SameViewAgain_KeepsTheVersion()
    {
        FeatureCatalog catalog = CatalogWithCustomer();
        RegisteredFeatureView first = catalog.Register(Stats());

        RegisteredFeatureView again = catalog.Register(Stats());

        Assert.Same(first, again);
        Assert.Single(catalog.Views);
    }

    [Fact]
    public void Register_ChangedSchema_MakesVersion2AndKeepsVersion1()
    {
        FeatureCatalog catalog = CatalogWithCustomer();
        catalog.Register(Stats());

        RegisteredFeatureView second = catalog.Register(Stats(new Field("spend_7d", FeatureValueType.Float32)));

        Assert.Equal(2, second.Version);
        Assert.Equal(FeatureValueType.Float64, catalog.GetView("customer_stats", 1).FindFeature("spend_7d")!.Type);
        Assert.Equal(FeatureValueType.Float32, catalog.GetView("customer_stats").FindFeature("spend_7d")!.Type);
    }

    [Fact]
    public void Register_ChangedTtl_MakesANewVersion_ButNullAndZeroAreTheSame()
    {
        FeatureCatalog catalog = CatalogWithCustomer();
        FeatureView unbounded = Stats();
        catalog.Register(unbounded);

        RegisteredFeatureView zero = catalog.Register(new FeatureView(unbounded.Name, unbounded.Entities, unbounded.Features, unbounded.Source) { Ttl = TimeSpan.Zero });
        RegisteredFeatureView week = catalog.Register(new FeatureView(unbounded.Name, unbounded.Entities, unbounded.Features, unbounded.Source) { Ttl = TimeSpan.FromDays(7) });

        Assert.Equal(1, zero.Version);
        Assert.Equal(2, week.Version);
    }

    [Theory]
    [MemberData(nameof(InvalidViews))]
    public void Register_InvalidView_ThrowsNamingTheProblem_AndRegistersNothing(FeatureView view, string expected)
    {
        FeatureCatalog catalog = CatalogWithCustomer();

        FeatureDefinitionException error = Assert.Throws<FeatureDefinitionException>(() => catalog.Register(view));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(catalog.Views);
    }

    public static TheoryData<FeatureView, string> InvalidViews() => new()
    {
        { new FeatureView("v", ["merchant"], [new Field("a", FeatureValueType.Int64)], FeatureSource.Ingested()), "unknown entity 'merchant'" },
        { new FeatureView("v", [], [new Field("a", FeatureValueType.Int64)], FeatureSource.Ingested()), "names no entity" },
        { new FeatureView("v", ["customer"], [], FeatureSource.Ingested()), "has no feature" },
        { new FeatureView("v", ["customer"], [new Field("a", FeatureValueType.Int64), new Field("a", FeatureValueType.Float64)], FeatureSource.Ingested()), "feature 'a' twice" },
        { new FeatureView("v", ["customer"], [new Field("customer_id", FeatureValueType.Int64)], FeatureSource.Ingested()), "'customer_id' twice" },
        { new FeatureView("v", ["customer"], [new Field("event_timestamp", FeatureValueType.Int64)], FeatureSource.Ingested()), "'event_timestamp' twice" },
        { new FeatureView("v", ["customer"], [new Field("a", FeatureValueType.Int64)], FeatureSource.Ingested()) { Ttl = TimeSpan.FromSeconds(-1) }, "negative TTL" },
        { new FeatureView("v", ["customer"], [new Field("a b", FeatureValueType.Int64)], FeatureSource.Ingested()), "name 'a b' is invalid" },
        { new FeatureView("v;drop", ["customer"], [new Field("a", FeatureValueType.Int64)], FeatureSource.Ingested()), "name 'v;drop' is invalid" },
        { new FeatureView("v", ["customer"], [new Field("a", (FeatureValueType)42)], FeatureSource.Ingested()), "unknown type 42" },
        { new FeatureView("v", ["customer"], [new Field("a", FeatureValueType.Int64)], FeatureSource.Csv(" ")), "without a path" },
    };

    [Fact]
    public void Register_EntityWithOtherJoinKeys_Throws()
    {
        FeatureCatalog catalog = CatalogWithCustomer();

        FeatureDefinitionException error = Assert.Throws<FeatureDefinitionException>(
            () => catalog.Register(new Entity("customer", new Field("customer_id", FeatureValueType.String))));

        Assert.Contains("cannot change", error.Message, StringComparison.Ordinal);
        Assert.Equal(FeatureValueType.Int64, catalog.GetEntity("customer").JoinKeys[0].Type);
    }

    [Fact]
    public void Register_EntityWithoutJoinKeys_Throws()
    {
        Assert.Throws<FeatureDefinitionException>(() => new FeatureCatalog().Register(new Entity("customer")));
    }

    [Fact]
    public void Register_Service_PinsTheViewVersionAndKeepsSchemaOrder()
    {
        FeatureCatalog catalog = CatalogWithCustomer();
        catalog.Register(Stats());

        RegisteredFeatureService service = catalog.Register(new FeatureService("fraud_v1", new FeatureProjection("customer_stats", "txn_count_7d", "spend_7d")));

        Assert.Equal("fraud_v1/1", service.Reference);
        Assert.Equal(["customer_stats:txn_count_7d", "customer_stats:spend_7d"], service.Features.Select(f => f.Reference));
        Assert.All(service.Features, f => Assert.Equal(1, f.View.Version));
    }

    [Fact]
    public void Register_ServiceAfterItsViewChanged_MakesANewServiceVersion_TheOldOneStillReadsTheOldView()
    {
        FeatureCatalog catalog = CatalogWithCustomer();
        catalog.Register(Stats());
        var definition = new FeatureService("fraud_v1", new FeatureProjection("customer_stats"));
        catalog.Register(definition);
        catalog.Register(Stats(new Field("spend_7d", FeatureValueType.Float32)));

        RegisteredFeatureService second = catalog.Register(definition);

        Assert.Equal(2, second.Version);
        Assert.Equal(1, catalog.GetService("fraud_v1", 1).Features[0].View.Version);
        Assert.Equal(2, second.Features[0].View.Version);
        Assert.Same(second, catalog.Register(definition));
    }

    [Theory]
    [InlineData("nope", "", "unknown feature view 'nope'")]
    [InlineData("customer_stats", "missing", "does not have")]
    public void Register_ServiceWithUnknownViewOrFeature_Throws(string view, string feature, string expected)
    {
        FeatureCatalog catalog = CatalogWithCustomer();
        catalog.Register(Stats());
        string[] features = feature.Length == 0 ? [] : [feature];

        FeatureDefinitionException error = Assert.Throws<FeatureDefinitionException>(
            () => catalog.Register(new FeatureService("s", new FeatureProjection(view, features))));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(catalog.Services);
    }

    [Fact]
    public void Register_ServiceWithTwoFeaturesOfOneName_Throws()
    {
        FeatureCatalog catalog = CatalogWithCustomer();
        catalog.Register(Stats());
        catalog.Register(new FeatureView("other", ["customer"], [new Field("spend_7d", FeatureValueType.Float64)], FeatureSource.Ingested()));

        Assert.Throws<FeatureDefinitionException>(() => catalog.Register(
            new FeatureService("s", new FeatureProjection("customer_stats", "spend_7d"), new FeatureProjection("other", "spend_7d"))));
    }

    [Fact]
    public void ResolveFeatures_FeastReferences_ResolveInOrder()
    {
        FeatureCatalog catalog = CatalogWithCustomer();
        catalog.Register(Stats());

        IReadOnlyList<ServiceFeature> features = catalog.ResolveFeatures(["customer_stats:txn_count_7d", "customer_stats:spend_7d"]);

        Assert.Equal(["txn_count_7d", "spend_7d"], features.Select(f => f.Field.Name));
        Assert.Equal(2, catalog.ResolveFeatures(["customer_stats"]).Count);
        Assert.Throws<FeatureDefinitionException>(() => catalog.ResolveFeatures(["customer_stats:"]));
        Assert.Throws<FeatureDefinitionException>(() => catalog.ResolveFeatures(["a:b:c"]));
        Assert.Throws<FeatureDefinitionException>(() => catalog.ResolveFeatures(["customer_stats:nope"]));
    }

    [Fact]
    public void GetView_UnknownVersion_Throws()
    {
        FeatureCatalog catalog = CatalogWithCustomer();
        catalog.Register(Stats());

        Assert.Throws<FeatureDefinitionException>(() => catalog.GetView("customer_stats", 2));
        Assert.Throws<FeatureDefinitionException>(() => catalog.GetView("nope"));
        Assert.Throws<FeatureDefinitionException>(() => catalog.GetService("nope"));
    }

    private static FeatureCatalog CatalogWithCustomer()
    {
        var catalog = new FeatureCatalog();
        catalog.Register(Customer);
        return catalog;
    }

    private static FeatureView Stats(Field? spend = null) => new(
        "customer_stats",
        ["customer"],
        [spend ?? new Field("spend_7d", FeatureValueType.Float64), new Field("txn_count_7d", FeatureValueType.Int64)],
        FeatureSource.Ingested());
}
