using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Definitions;

namespace Ml.Sdk.FeatureStore.Tests.Online;

/// <summary>Two versions of the view 'evolving': the second reorders, retypes and adds features.</summary>
internal sealed class OnlineTestCatalogWithVersions
{
    public OnlineTestCatalogWithVersions()
    {
        var catalog = new FeatureCatalog();
        catalog.Register(new Entity("customer", new Field("customer_id", FeatureValueType.Int64)));
        First = catalog.Register(new FeatureView(
            "evolving",
            ["customer"],
            [new Field("score", FeatureValueType.Float64), new Field("count", FeatureValueType.Int32), new Field("label", FeatureValueType.String)],
            FeatureSource.Ingested()));
        Second = catalog.Register(new FeatureView(
            "evolving",
            ["customer"],
            [
                new Field("label", FeatureValueType.Int64),
                new Field("fresh", FeatureValueType.Bool),
                new Field("score", FeatureValueType.Float64),
                new Field("count", FeatureValueType.Int32),
            ],
            FeatureSource.Ingested()));
    }

    public RegisteredFeatureView First { get; }

    public RegisteredFeatureView Second { get; }
}
