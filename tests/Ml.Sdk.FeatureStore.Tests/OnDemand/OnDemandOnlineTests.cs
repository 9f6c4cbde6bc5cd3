using Microsoft.Extensions.Time.Testing;
using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Definitions;
using Ml.Sdk.FeatureStore.Online;
using static Ml.Sdk.FeatureStore.Tests.OnDemand.OnDemandDefinitions;

namespace Ml.Sdk.FeatureStore.Tests.OnDemand;

/// <summary>On-demand features in serving: computed per key from the online values and the request data.</summary>
public sealed class OnDemandOnlineTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FeatureCatalog _catalog = new();
    private readonly FakeTimeProvider _clock = new(T0);
    private readonly RegisteredFeatureView _activity;
    private SqliteOnlineStore? _store;

    public OnDemandOnlineTests()
    {
        _catalog.Register(new Entity("customer", new Field("customer_id", FeatureValueType.Int64)));
        _activity = _catalog.Register(new FeatureView(
            "activity",
            ["customer"],
            [new Field("spend", FeatureValueType.Float64), new Field("clicks", FeatureValueType.Int64)],
            FeatureSource.Ingested())
        {
            Ttl = TimeSpan.FromHours(1),
        });
    }

    private SqliteOnlineStore Store => _store!;

    public async Task InitializeAsync()
    {
        _store = await SqliteOnlineStore.OpenInMemoryAsync("odfv-" + Guid.NewGuid().ToString("N"));
        await _store.WriteAsync(_activity,
        [
            new OnlineFeatureRow(Key(1), T0.AddMinutes(-5), 12.5, 3L),
            new OnlineFeatureRow(Key(2), T0.AddHours(-2), 40.0, 7L),   // past the one hour TTL at T0
        ]);
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    [Fact]
    public async Task GetOnlineFeaturesAsync_WithRequestData_ComputesOutputsPerKeyInServiceOrder()
    {
        RegisteredFeatureService service = RegisterService(SpendRatio("activity"));
        var retriever = new OnlineFeatureRetriever(Store, _clock);
        OnDemandRequest request = new OnDemandRequest(new Field("channel", FeatureValueType.String), Amount)
            .Add("web", 5.0)
            .Add("app", 1.0)
            .Add(null, 2.0)
            .Add("app", 2.0);

        OnlineFeatureBatch batch = await retriever.GetOnlineFeaturesAsync(service, [Key(1), Key(2), Key(3), Key(1)], request);

        Assert.Equal(["activity:clicks", "spend_ratio:ratio", "spend_ratio:spend_known"], batch.Columns.Select(c => c.Reference));
        Assert.Equal([3L, 2.5, true], Row(batch, 0));                 // 12.5 / 5.0
        Assert.Equal([null, null, false], Row(batch, 1));             // expired source: the transform sees it missing
        Assert.Equal([null, null, false], Row(batch, 2));             // nothing stored
        Assert.Equal([3L, 6.25, true], Row(batch, 3));                // the same key with its own request row: 12.5 / 2.0
        Assert.Equal(
            [FeatureValueStatus.Present, FeatureValueStatus.Present, FeatureValueStatus.Present,
             FeatureValueStatus.Expired, FeatureValueStatus.Missing, FeatureValueStatus.Present,
             FeatureValueStatus.Missing, FeatureValueStatus.Missing, FeatureValueStatus.Present],
            Enumerable.Range(0, 3).SelectMany(r => Enumerable.Range(0, 3).Select(c => batch.GetStatus(r, c))));
        Assert.Null(batch.GetEventTimestamp(0, 1));
        Assert.Equal(T0.AddMinutes(-5), batch.GetEventTimestamp(0, 0));

        float[] floats = new float[12];
        batch.CopyTo(floats, missingValue: -1f);
        Assert.Equal([3f, 2.5f, 1f, -1f, -1f, 0f, -1f, -1f, 0f, 3f, 6.25f, 1f], floats);
    }

    [Fact]
    public async Task GetOnlineFeaturesAsync_OnDemandViewWithoutRequestFields_NeedsNoRequestData()
    {
        RegisteredOnDemandFeatureView doubled = _catalog.Register(new OnDemandFeatureView(
            "doubled",
            [new FeatureProjection("activity", "clicks")],
            [],
            [new Field("clicks_x2", FeatureValueType.Int64)],
            static (input, output) => output.Set("clicks_x2", input.IsMissing("clicks") ? null : input.GetInt64("clicks") * 2)));
        RegisteredFeatureService service = _catalog.Register(new FeatureService("doubled_only", new FeatureProjection(doubled.Name)));
        var retriever = new OnlineFeatureRetriever(Store, _clock);

        OnlineFeatureBatch batch = await retriever.GetOnlineFeaturesAsync(service, [Key(1), Key(3)]);

        Assert.Equal(6L, batch.GetValue(0, 0));
        Assert.Null(batch.GetValue(1, 0));
        Assert.Equal(FeatureValueStatus.Missing, batch.GetStatus(1, 0));
    }

    [Fact]
    public async Task GetOnlineFeaturesAsync_RequestFieldMissing_ThrowsNamingIt()
    {
        RegisteredFeatureService service = RegisterService(SpendRatio("activity"));
        var retriever = new OnlineFeatureRetriever(Store, _clock);
        OnDemandRequest request = new OnDemandRequest(new Field("channel", FeatureValueType.String)).Add("web");

        var withoutField = await Assert.ThrowsAsync<ArgumentException>(async () => await retriever.GetOnlineFeaturesAsync(service, [Key(1)], request));
        var withoutData = await Assert.ThrowsAsync<ArgumentException>(async () => await retriever.GetOnlineFeaturesAsync(service, [Key(1)]));

        Assert.Contains("'amount'", withoutField.Message, StringComparison.Ordinal);
        Assert.Contains("spend_ratio", withoutData.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetOnlineFeaturesAsync_RequestRowsDoNotMatchKeys_Throws()
    {
        RegisteredFeatureService service = RegisterService(SpendRatio("activity"));
        var retriever = new OnlineFeatureRetriever(Store, _clock);
        OnDemandRequest request = new OnDemandRequest(Amount).Add(1.0);

        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await retriever.GetOnlineFeaturesAsync(service, [Key(1), Key(2)], request));

        Assert.Contains("1 rows for 2 entity keys", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetOnlineFeaturesAsync_TransformThrows_PropagatesWrappedWithTheViewName()
    {
        RegisteredFeatureService service = RegisterService(SpendRatio("activity", Throws));
        var retriever = new OnlineFeatureRetriever(Store, _clock);

        var error = await Assert.ThrowsAsync<OnDemandFeatureException>(async () =>
            await retriever.GetOnlineFeaturesAsync(service, [Key(1)], new OnDemandRequest(Amount).Add(1.0)));

        Assert.Equal("spend_ratio", error.ViewName);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public async Task GetOnlineFeaturesAsync_TransformSetsAWrongType_ThrowsNamingViewAndOutput()
    {
        RegisteredFeatureService service = RegisterService(SpendRatio("activity", RatioAsFloat));
        var retriever = new OnlineFeatureRetriever(Store, _clock);

        var error = await Assert.ThrowsAsync<OnDemandFeatureException>(async () =>
            await retriever.GetOnlineFeaturesAsync(service, [Key(1)], new OnDemandRequest(Amount).Add(1.0)));

        Assert.Contains("spend_ratio", error.Message, StringComparison.Ordinal);
        Assert.Contains("'ratio'", error.Message, StringComparison.Ordinal);
    }

    private static EntityKey Key(long id) => new(id);

    private static object?[] Row(OnlineFeatureBatch batch, int row) =>
        [.. Enumerable.Range(0, batch.Columns.Count).Select(c => batch.GetValue(row, c))];

    private RegisteredFeatureService RegisterService(OnDemandFeatureView view)
    {
        _catalog.Register(view);
        return _catalog.Register(new FeatureService(
            "fraud", new FeatureProjection("activity", "clicks"), new FeatureProjection("spend_ratio", "ratio", "spend_known")));
    }
}
