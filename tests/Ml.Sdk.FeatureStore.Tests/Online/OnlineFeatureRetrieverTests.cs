using Microsoft.Extensions.Time.Testing;
using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Definitions;
using Ml.Sdk.FeatureStore.Online;
using static Ml.Sdk.FeatureStore.Tests.Online.OnlineTestCatalog;

namespace Ml.Sdk.FeatureStore.Tests.Online;

public sealed class OnlineFeatureRetrieverTests : IAsyncLifetime
{
    private readonly FeatureCatalog _catalog = new();
    private readonly FakeTimeProvider _clock = new(T0);
    private readonly RegisteredFeatureView _profile;
    private readonly RegisteredFeatureView _activity;
    private readonly RegisteredFeatureService _service;
    private SqliteOnlineStore? _sqlite;
    private CountingOnlineStore? _store;

    public OnlineFeatureRetrieverTests()
    {
        _catalog.Register(new Entity("customer", new Field("customer_id", FeatureValueType.Int64)));
        _catalog.Register(new Entity("merchant", new Field("merchant_id", FeatureValueType.Int64)));
        _profile = _catalog.Register(new FeatureView(
            "profile",
            ["customer"],
            [new Field("age", FeatureValueType.Int32), new Field("vip", FeatureValueType.Bool), new Field("country", FeatureValueType.String)],
            FeatureSource.Ingested()));
        _activity = _catalog.Register(new FeatureView(
            "activity",
            ["customer"],
            [new Field("spend", FeatureValueType.Float64), new Field("clicks", FeatureValueType.Int64), new Field("ratio", FeatureValueType.Float32)],
            FeatureSource.Ingested())
        {
            Ttl = TimeSpan.FromHours(1),
        });
        _catalog.Register(new FeatureView("merchant_risk", ["merchant"], [new Field("risk", FeatureValueType.Float64)], FeatureSource.Ingested()));

        // The schema interleaves the views: activity's ratio, profile's vip, activity's spend, profile's age, activity's clicks.
        _service = _catalog.Register(new FeatureService(
            "fraud",
            new FeatureProjection("activity", "ratio"),
            new FeatureProjection("profile", "vip"),
            new FeatureProjection("activity", "spend", "clicks"),
            new FeatureProjection("profile", "age")));
    }

    private CountingOnlineStore Store => _store!;

    public async Task InitializeAsync()
    {
        _sqlite = await SqliteOnlineStore.OpenInMemoryAsync("retriever-" + Guid.NewGuid().ToString("N"));
        _store = new CountingOnlineStore(_sqlite);
        await _sqlite.WriteAsync(_profile,
        [
            new OnlineFeatureRow(Customer(1), T0, 34, true, "DE"),
            new OnlineFeatureRow(Customer(2), T0, null, false, "FR"),
        ]);
        await _sqlite.WriteAsync(_activity,
        [
            new OnlineFeatureRow(Customer(1), T0, 12.5, 3L, 0.25f),
            new OnlineFeatureRow(Customer(3), T0.AddMinutes(30), 7.0, 9L, null),
        ]);
    }

    public async Task DisposeAsync()
    {
        if (_sqlite is not null)
        {
            await _sqlite.DisposeAsync();
        }
    }

    [Fact]
    public async Task GetOnlineFeaturesAsync_TwoViews_ReturnsColumnsInServiceSchemaOrderReadingEachViewOnce()
    {
        var retriever = new OnlineFeatureRetriever(Store, _clock);

        OnlineFeatureBatch batch = await retriever.GetOnlineFeaturesAsync(_service, [Customer(1), Customer(2)]);

        Assert.Equal(["activity:ratio", "profile:vip", "activity:spend", "activity:clicks", "profile:age"], batch.Columns.Select(c => c.Reference));
        Assert.Equal(2, batch.Rows);
        Assert.Equal([0.25f, true, 12.5, 3L, 34], Enumerable.Range(0, 5).Select(c => batch.GetValue(0, c)));
        Assert.Equal(["activity", "profile"], Store.ReadViews.Order(StringComparer.Ordinal));
        Assert.Equal(T0, batch.ReadAt);
        Assert.Equal(T0, batch.GetEventTimestamp(0, 0));
    }

    [Fact]
    public async Task GetOnlineFeaturesAsync_MissingNullAndExpiredValues_ReportTheirStatus()
    {
        _clock.Advance(TimeSpan.FromMinutes(75)); // activity rows at T0 are past their one-hour TTL; the one at T0+30m is not
        var retriever = new OnlineFeatureRetriever(Store, _clock);

        OnlineFeatureBatch batch = await retriever.GetOnlineFeaturesAsync(_service, [Customer(1), Customer(2), Customer(3)]);

        FeatureValueStatus[][] statuses = [.. Enumerable.Range(0, 3).Select(r => Enumerable.Range(0, 5).Select(c => batch.GetStatus(r, c)).ToArray())];
        const FeatureValueStatus P = FeatureValueStatus.Present, M = FeatureValueStatus.Missing, E = FeatureValueStatus.Expired;
        Assert.Equal([E, P, E, E, P], statuses[0]);
        Assert.Equal([M, P, M, M, M], statuses[1]);
        Assert.Equal([M, M, P, P, M], statuses[2]);
        Assert.Null(batch.GetValue(0, 0));
        Assert.Equal(7.0, batch.GetValue(2, 2));
        Assert.Null(batch.GetEventTimestamp(1, 0));
        Assert.Equal(T0, batch.GetEventTimestamp(1, 1));
    }

    [Fact]
    public async Task CopyTo_MissingAndExpiredValues_WriteTheMissingValueRowMajor()
    {
        _clock.Advance(TimeSpan.FromMinutes(75));
        var retriever = new OnlineFeatureRetriever(Store, _clock);
        OnlineFeatureBatch batch = await retriever.GetOnlineFeaturesAsync(_service, [Customer(1), Customer(2), Customer(3)]);
        float[] tensor = new float[16];
        tensor[15] = 42f;
        float[] defaults = new float[15];

        batch.CopyTo(tensor, missingValue: -1f);
        batch.CopyTo(defaults);

        Assert.Equal(
            [
                -1f, 1f, -1f, -1f, 34f,
                -1f, 0f, -1f, -1f, -1f,
                -1f, -1f, 7f, 9f, -1f,
                42f,
            ],
            tensor);
        Assert.Equal(tensor[..15].Select(v => v == -1f ? float.NaN : v), defaults);
    }

    [Fact]
    public async Task CopyTo_PresentValues_ConvertEveryNumericTypeAndBool()
    {
        var retriever = new OnlineFeatureRetriever(Store, _clock);
        OnlineFeatureBatch batch = await retriever.GetOnlineFeaturesAsync(_service, [Customer(1)]);
        float[] tensor = new float[5];

        batch.CopyTo(tensor);

        Assert.Equal([0.25f, 1f, 12.5f, 3f, 34f], tensor);
    }

    [Fact]
    public async Task CopyTo_ServiceWithAStringFeature_ThrowsNamingItAndWritesNothing()
    {
        RegisteredFeatureService withText = _catalog.Register(new FeatureService("with_text", new FeatureProjection("profile", "age", "country")));
        var retriever = new OnlineFeatureRetriever(Store, _clock);
        OnlineFeatureBatch batch = await retriever.GetOnlineFeaturesAsync(withText, [Customer(1)]);
        float[] tensor = [5f, 5f];

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => batch.CopyTo(tensor));

        Assert.Contains("profile:country", error.Message, StringComparison.Ordinal);
        Assert.Equal([5f, 5f], tensor);
        Assert.Equal("DE", batch.GetValue(0, 1));
    }

    [Fact]
    public async Task CopyTo_DestinationTooShort_Throws()
    {
        var retriever = new OnlineFeatureRetriever(Store, _clock);
        OnlineFeatureBatch batch = await retriever.GetOnlineFeaturesAsync(_service, [Customer(1), Customer(2)]);

        Assert.Throws<ArgumentException>(() => batch.CopyTo(new float[9]));
    }

    [Fact]
    public async Task GetOnlineFeaturesAsync_ViewsWithDifferentJoinKeys_ThrowsNamingTheViews()
    {
        RegisteredFeatureService mixed = _catalog.Register(new FeatureService("mixed", new FeatureProjection("profile", "age"), new FeatureProjection("merchant_risk")));
        var retriever = new OnlineFeatureRetriever(Store, _clock);

        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(async () => await retriever.GetOnlineFeaturesAsync(mixed, [Customer(1)]));

        Assert.Contains("profile v1", error.Message, StringComparison.Ordinal);
        Assert.Contains("merchant_risk v1", error.Message, StringComparison.Ordinal);
        Assert.Empty(Store.ReadViews);
    }

    [Fact]
    public async Task GetOnlineFeaturesAsync_KeyOfAnotherType_Throws()
    {
        var retriever = new OnlineFeatureRetriever(Store, _clock);

        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await retriever.GetOnlineFeaturesAsync(_service, [new EntityKey(1)]));
    }

    [Fact]
    public async Task GetValue_IndexOutOfRange_Throws()
    {
        var retriever = new OnlineFeatureRetriever(Store, _clock);
        OnlineFeatureBatch batch = await retriever.GetOnlineFeaturesAsync(_service, [Customer(1)]);

        Assert.Throws<ArgumentOutOfRangeException>(() => batch.GetValue(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.GetStatus(0, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.GetValue(0, -1));
    }

    /// <summary>A real store that records which views were read, to prove each is read once.</summary>
    private sealed class CountingOnlineStore(IOnlineStore inner) : IOnlineStore
    {
        public List<string> ReadViews { get; } = [];

        public ValueTask<OnlineWriteResult> WriteAsync(RegisteredFeatureView view, IReadOnlyList<OnlineFeatureRow> rows, CancellationToken cancellationToken = default) =>
            inner.WriteAsync(view, rows, cancellationToken);

        public ValueTask<OnlineReadResult> ReadAsync(RegisteredFeatureView view, IReadOnlyList<EntityKey> keys, DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            lock (ReadViews)
            {
                ReadViews.Add(view.Name);
            }

            return inner.ReadAsync(view, keys, now, cancellationToken);
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
