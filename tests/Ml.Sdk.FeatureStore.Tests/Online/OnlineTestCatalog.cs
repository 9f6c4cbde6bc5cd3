using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Definitions;
using Ml.Sdk.FeatureStore.Online;

namespace Ml.Sdk.FeatureStore.Tests.Online;

/// <summary>
/// A catalog of the views the online store tests write and read, registered afresh for each test; public so that a
/// backend's tests in another project can derive from <see cref="OnlineStoreContractTests"/> and add their own.
/// </summary>
public sealed class OnlineTestCatalog
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public OnlineTestCatalog()
    {
        Catalog.Register(new Entity("customer", new Field("customer_id", FeatureValueType.Int64)));
        Catalog.Register(new Entity("route", new Field("origin", FeatureValueType.String), new Field("destination", FeatureValueType.String), new Field("hop", FeatureValueType.Int32)));
        Catalog.Register(new Entity("id_int", new Field("id", FeatureValueType.Int32)));
        Catalog.Register(new Entity("id_long", new Field("id", FeatureValueType.Int64)));
        Catalog.Register(new Entity("id_text", new Field("id", FeatureValueType.String)));

        AllTypes = Catalog.Register(new FeatureView(
            "all_types",
            ["customer"],
            [
                new Field("i32", FeatureValueType.Int32),
                new Field("i64", FeatureValueType.Int64),
                new Field("f32", FeatureValueType.Float32),
                new Field("f64", FeatureValueType.Float64),
                new Field("flag", FeatureValueType.Bool),
                new Field("label", FeatureValueType.String),
            ],
            FeatureSource.Ingested()));
        Hourly = Catalog.Register(Scores("hourly", TimeSpan.FromHours(1)));
        NoTtl = Catalog.Register(Scores("no_ttl", null));
        ZeroTtl = Catalog.Register(Scores("zero_ttl", TimeSpan.Zero));
        Routes = Catalog.Register(new FeatureView("route_eta", ["route"], [new Field("eta", FeatureValueType.Float64)], FeatureSource.Ingested()));

        // Three versions of one view name, keyed by an int, a long and a string: they share storage by name.
        SharedByInt = Catalog.Register(new FeatureView("shared", ["id_int"], [new Field("score", FeatureValueType.Float64)], FeatureSource.Ingested()));
        SharedByLong = Catalog.Register(new FeatureView("shared", ["id_long"], [new Field("score", FeatureValueType.Float64)], FeatureSource.Ingested()));
        SharedByText = Catalog.Register(new FeatureView("shared", ["id_text"], [new Field("score", FeatureValueType.Float64)], FeatureSource.Ingested()));
    }

    public FeatureCatalog Catalog { get; } = new();

    /// <summary>A customer view with one feature of each value type, without TTL.</summary>
    public RegisteredFeatureView AllTypes { get; }

    /// <summary>A customer view (score: Float64, count: Int32) with a one-hour TTL.</summary>
    public RegisteredFeatureView Hourly { get; }

    /// <summary>Like <see cref="Hourly"/> with a null TTL.</summary>
    public RegisteredFeatureView NoTtl { get; }

    /// <summary>Like <see cref="Hourly"/> with a zero TTL.</summary>
    public RegisteredFeatureView ZeroTtl { get; }

    /// <summary>A view of a three-key entity (origin, destination: String; hop: Int32).</summary>
    public RegisteredFeatureView Routes { get; }

    public RegisteredFeatureView SharedByInt { get; }

    public RegisteredFeatureView SharedByLong { get; }

    public RegisteredFeatureView SharedByText { get; }

    public static EntityKey Customer(long id) => new(id);

    public static OnlineFeatureRow Score(long customer, DateTimeOffset eventTimestamp, double? score, int? count = 7) =>
        new(Customer(customer), eventTimestamp, score, count);

    private static FeatureView Scores(string name, TimeSpan? ttl) =>
        new(name, ["customer"], [new Field("score", FeatureValueType.Float64), new Field("count", FeatureValueType.Int32)], FeatureSource.Ingested())
        {
            Ttl = ttl,
        };
}
