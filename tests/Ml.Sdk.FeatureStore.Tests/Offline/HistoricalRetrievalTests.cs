using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Definitions;
using Ml.Sdk.FeatureStore.Offline;
using static Ml.Sdk.FeatureStore.Tests.Offline.OfflineStoreFixture;

namespace Ml.Sdk.FeatureStore.Tests.Offline;

/// <summary>Hand-computed cases of Feast's point-in-time join, one rule each.</summary>
public sealed class HistoricalRetrievalTests
{
    [Fact]
    public async Task GetHistoricalFeatures_LatestRowAtOrBeforeEachEntityRow_InInputOrder()
    {
        await using var fixture = new OfflineStoreFixture();
        RegisteredFeatureView view = fixture.RegisterCustomerStats();
        await fixture.Store.IngestAsync(view, [Row(1, 10, 1.0, 1), Row(1, 20, 2.0, 2), Row(2, 15, 5.0, 5)]);
        EntityRows entities = new EntityRows(new Field("customer_id", FeatureValueType.Int64), new Field("label", FeatureValueType.Bool))
            .Add(T0.AddMinutes(25), 1L, true)   // after both rows of 1: the later
            .Add(T0.AddMinutes(20), 1L, false)  // exactly at a row: included (<=)
            .Add(T0.AddMinutes(19), 1L, null)   // between: the earlier
            .Add(T0.AddMinutes(5), 1L, true)    // before any row: nothing
            .Add(T0.AddMinutes(30), 3L, true)   // unknown key: nothing
            .Add(T0.AddMinutes(30), 2L, false);

        await using HistoricalFeatures result = await fixture.Store.GetHistoricalFeaturesAsync(entities, view.AllFeatures);
        List<object?[]> rows = await ReadAll(result);

        Assert.Equal(["customer_id", "label", "event_timestamp", "spend", "count"], result.ColumnNames);
        Assert.Equal([1L, true, T0.AddMinutes(25), 2.0, 2], rows[0]);
        Assert.Equal([1L, false, T0.AddMinutes(20), 2.0, 2], rows[1]);
        Assert.Equal([1L, null, T0.AddMinutes(19), 1.0, 1], rows[2]);
        Assert.Equal([1L, true, T0.AddMinutes(5), null, null], rows[3]);
        Assert.Equal([3L, true, T0.AddMinutes(30), null, null], rows[4]);
        Assert.Equal([2L, false, T0.AddMinutes(30), 5.0, 5], rows[5]);
        Assert.Equal(6, result.RowCount);
    }

    [Fact]
    public async Task GetHistoricalFeatures_Ttl_BothEndsInclusive()
    {
        await using var fixture = new OfflineStoreFixture();
        RegisteredFeatureView view = fixture.RegisterCustomerStats(ttl: TimeSpan.FromMinutes(10));
        await fixture.Store.IngestAsync(view, [Row(1, 10, 1.0, 1)]);
        EntityRows entities = new EntityRows(new Field("customer_id", FeatureValueType.Int64))
            .Add(T0.AddMinutes(20), 1L)                        // event_ts = entity_ts - ttl: kept
            .Add(T0.AddMinutes(20).AddTicks(10), 1L)          // one microsecond later: expired
            .Add(T0.AddMinutes(10), 1L);                       // event_ts = entity_ts: kept

        await using HistoricalFeatures result = await fixture.Store.GetHistoricalFeaturesAsync(entities, view.AllFeatures);
        List<object?[]> rows = await ReadAll(result);

        Assert.Equal(1.0, rows[0][2]);
        Assert.Null(rows[1][2]);
        Assert.Equal(1.0, rows[2][2]);
    }

    [Fact]
    public async Task GetHistoricalFeatures_TtlExpiredLatest_DoesNotFallBackToAnOlderRow()
    {
        // Feast: the candidates are the rows inside [t - ttl, t]; an older row is outside too, so nothing qualifies.
        await using var fixture = new OfflineStoreFixture();
        RegisteredFeatureView view = fixture.RegisterCustomerStats(ttl: TimeSpan.FromMinutes(5));
        await fixture.Store.IngestAsync(view, [Row(1, 0, 1.0, 1), Row(1, 10, 2.0, 2)]);

        await using HistoricalFeatures result = await fixture.Store.GetHistoricalFeaturesAsync(
            new EntityRows(new Field("customer_id", FeatureValueType.Int64)).Add(T0.AddMinutes(16), 1L), view.AllFeatures);

        Assert.Null((await ReadAll(result))[0][2]);
    }

    [Fact]
    public async Task GetHistoricalFeatures_SameEventTimestamp_LatestCreatedWins_ThenTheLastWritten()
    {
        await using var fixture = new OfflineStoreFixture();
        RegisteredFeatureView view = fixture.RegisterCustomerStats();
        await fixture.Store.IngestAsync(view, [Row(1, 10, 1.0, 1, createdMinutes: 12), Row(1, 10, 2.0, 2, createdMinutes: 11)]);
        await fixture.Store.IngestAsync(view, [Row(2, 10, 3.0, 3, createdMinutes: 11), Row(2, 10, 4.0, 4, createdMinutes: 11)]);
        await fixture.Store.IngestAsync(view, [Row(2, 10, 5.0, 5, createdMinutes: 11)]);
        EntityRows entities = new EntityRows(new Field("customer_id", FeatureValueType.Int64)).Add(T0.AddMinutes(10), 1L).Add(T0.AddMinutes(10), 2L);

        await using HistoricalFeatures result = await fixture.Store.GetHistoricalFeaturesAsync(entities, view.AllFeatures);
        List<object?[]> rows = await ReadAll(result);

        Assert.Equal(1.0, rows[0][2]); // created 12 beats created 11
        Assert.Equal(5.0, rows[1][2]); // full tie: the row written last
    }

    [Fact]
    public async Task GetHistoricalFeatures_TimestampsWithOffsets_CompareAsInstants()
    {
        await using var fixture = new OfflineStoreFixture();
        RegisteredFeatureView view = fixture.RegisterCustomerStats();
        var plusTwo = TimeSpan.FromHours(2);
        await fixture.Store.IngestAsync(view, [new OfflineFeatureRow([1L], new DateTimeOffset(2024, 1, 1, 2, 10, 0, plusTwo), [1.0, 1])]);
        EntityRows entities = new EntityRows(new Field("customer_id", FeatureValueType.Int64))
            .Add(new DateTimeOffset(2024, 1, 1, 0, 9, 0, TimeSpan.Zero), 1L)      // 00:09Z, before 00:10Z
            .Add(new DateTimeOffset(2023, 12, 31, 19, 10, 0, TimeSpan.FromHours(-5)), 1L); // 00:10Z exactly

        await using HistoricalFeatures result = await fixture.Store.GetHistoricalFeaturesAsync(entities, view.AllFeatures);
        List<object?[]> rows = await ReadAll(result);

        Assert.Null(rows[0][2]);
        Assert.Equal(1.0, rows[1][2]);
        Assert.Equal(TimeSpan.Zero, ((DateTimeOffset)rows[1][1]!).Offset);
        Assert.Equal(T0.AddMinutes(10), rows[1][1]);
    }

    [Fact]
    public async Task GetHistoricalFeatures_TwoViewsOnTwoEntities_JoinEachOnItsKeys()
    {
        await using var fixture = new OfflineStoreFixture();
        RegisteredFeatureView stats = fixture.RegisterCustomerStats();
        RegisteredFeatureView risk = fixture.RegisterMerchantRisk();
        await fixture.Store.IngestAsync(stats, [Row(1, 10, 1.0, 1)]);
        await fixture.Store.IngestAsync(risk, [new OfflineFeatureRow(["shop"], T0.AddMinutes(30), [0.5f, true]), new OfflineFeatureRow(["shop"], T0, [0.1f, false])]);
        IReadOnlyList<ServiceFeature> features = fixture.Catalog.ResolveFeatures(["merchant_risk:risk", "customer_stats:spend", "merchant_risk:flagged"]);
        EntityRows entities = new EntityRows(new Field("customer_id", FeatureValueType.Int64), new Field("merchant", FeatureValueType.String))
            .Add(T0.AddMinutes(20), 1L, "shop")
            .Add(T0.AddMinutes(40), 1L, "elsewhere");

        await using HistoricalFeatures result = await fixture.Store.GetHistoricalFeaturesAsync(entities, features);
        List<object?[]> rows = await ReadAll(result);

        Assert.Equal(["customer_id", "merchant", "event_timestamp", "risk", "spend", "flagged"], result.ColumnNames);
        Assert.Equal([1L, "shop", T0.AddMinutes(20), 0.1f, 1.0, false], rows[0]);
        Assert.Equal([1L, "elsewhere", T0.AddMinutes(40), null, 1.0, null], rows[1]);
    }

    [Fact]
    public async Task Ingest_BadBatch_IsRejectedWholeAndNothingIsWritten()
    {
        await using var fixture = new OfflineStoreFixture();
        RegisteredFeatureView view = fixture.RegisterCustomerStats();
        await fixture.Store.IngestAsync(view, [Row(1, 10, 1.0, 1)]);
        OfflineFeatureRow[][] bad =
        [
            [Row(1, 20, 2.0, 2), new OfflineFeatureRow([1L], T0.AddMinutes(21), [2.0, 2L])], // Int64 for an Int32 feature
            [Row(1, 20, 2.0, 2), new OfflineFeatureRow([null], T0.AddMinutes(21), [2.0, 2])], // null join key
            [Row(1, 20, 2.0, 2), new OfflineFeatureRow([1], T0.AddMinutes(21), [2.0, 2])],    // int for a long key
            [Row(1, 20, 2.0, 2), new OfflineFeatureRow([1L], T0.AddMinutes(21), [2.0])],      // a feature short
            [Row(1, 20, 2.0, 2), new OfflineFeatureRow([1L, 2L], T0.AddMinutes(21), [2.0, 2])], // a key too many
        ];

        foreach (OfflineFeatureRow[] batch in bad)
        {
            ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Store.IngestAsync(view, batch));
            Assert.Contains("row 1", error.Message, StringComparison.Ordinal);
        }

        await using HistoricalFeatures result = await fixture.Store.GetHistoricalFeaturesAsync(
            new EntityRows(new Field("customer_id", FeatureValueType.Int64)).Add(T0.AddMinutes(30), 1L), view.AllFeatures);
        Assert.Equal(1.0, (await ReadAll(result))[0][2]);
    }

    [Fact]
    public async Task Ingest_FileSourcedView_Throws()
    {
        await using var fixture = new OfflineStoreFixture();
        RegisteredFeatureView view = fixture.RegisterCustomerStats(source: FeatureSource.Csv("stats.csv"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Store.IngestAsync(view, [Row(1, 10, 1.0, 1)]));
    }

    [Fact]
    public async Task GetHistoricalFeatures_EntityRowsWithoutAJoinKeyOrWithAnotherType_Throw()
    {
        await using var fixture = new OfflineStoreFixture();
        RegisteredFeatureView view = fixture.RegisterCustomerStats();

        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Store.GetHistoricalFeaturesAsync(
            new EntityRows(new Field("customer", FeatureValueType.Int64)).Add(T0, 1L), view.AllFeatures));
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Store.GetHistoricalFeaturesAsync(
            new EntityRows(new Field("customer_id", FeatureValueType.Int32)).Add(T0, 1), view.AllFeatures));
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Store.GetHistoricalFeaturesAsync(
            new EntityRows(new Field("customer_id", FeatureValueType.Int64), new Field("spend", FeatureValueType.Float64)).Add(T0, 1L, 1.0), view.AllFeatures));
        Assert.Throws<ArgumentException>(() => new EntityRows(new Field("customer_id", FeatureValueType.Int64)).Add(T0, 1));
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Store.GetHistoricalFeaturesAsync(
            new EntityRows(new Field("customer_id", FeatureValueType.Int64), new Field("event_timestamp", FeatureValueType.Int64)).Add(T0, 1L, 2L), view.AllFeatures));
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Store.GetHistoricalFeaturesAsync(
            new EntityRows(new Field("customer_id", FeatureValueType.Int64), new Field("__row", FeatureValueType.Int64)).Add(T0, 1L, 2L), view.AllFeatures));
    }

    [Fact]
    public async Task GetHistoricalFeatures_CsvAndParquetSources_ReadInPlace()
    {
        await using var fixture = new OfflineStoreFixture();
        string csv = Path.Combine(fixture.Folder, "stats.csv");
        await File.WriteAllTextAsync(csv, """
            customer_id,event_timestamp,created,spend,count
            1,2024-01-01 00:10:00+00,2024-01-01 00:11:00+00,1.5,1
            1,2024-01-01 02:20:00+02,2024-01-01 00:21:00,2.5,2
            1,2024-01-01 00:20:00,2024-01-01 00:20:00,9.5,9
            """);
        RegisteredFeatureView fromCsv = fixture.RegisterCustomerStats(source: FeatureSource.Csv(csv));
        EntityRows entities = new EntityRows(new Field("customer_id", FeatureValueType.Int64)).Add(T0.AddMinutes(15), 1L).Add(T0.AddMinutes(25), 1L);

        // The two rows at 00:20Z tie on the event time; the created time 00:21 beats 00:20. A timestamp without an
        // offset is UTC.
        await using (HistoricalFeatures result = await fixture.Store.GetHistoricalFeaturesAsync(entities, fromCsv.AllFeatures))
        {
            List<object?[]> rows = await ReadAll(result);
            Assert.Equal([1.5, 2.5], rows.Select(r => r[2]));
            string parquet = Path.Combine(fixture.Folder, "stats.parquet");
            await result.ExportParquetAsync(parquet);
            Assert.True(new FileInfo(parquet).Length > 0);
        }

        // The exported training set is itself a Parquet file a view can read: spend is the training set's column.
        string source = Path.Combine(fixture.Folder, "source.parquet");
        await using (HistoricalFeatures export = await fixture.Store.GetHistoricalFeaturesAsync(
            new EntityRows(new Field("customer_id", FeatureValueType.Int64)).Add(T0.AddMinutes(30), 1L), fromCsv.AllFeatures))
        {
            await export.ExportParquetAsync(source);
        }

        RegisteredFeatureView fromParquet = fixture.Catalog.Register(new FeatureView(
            "exported", ["customer"], [new Field("spend", FeatureValueType.Float64)], FeatureSource.Parquet(source) with { CreatedTimestampColumn = null }));
        await using HistoricalFeatures again = await fixture.Store.GetHistoricalFeaturesAsync(
            new EntityRows(new Field("customer_id", FeatureValueType.Int64)).Add(T0.AddMinutes(31), 1L).Add(T0.AddMinutes(29), 1L), fromParquet.AllFeatures);
        Assert.Equal([2.5, null], (await ReadAll(again)).Select(r => r[2]));
    }

    [Fact]
    public async Task GetHistoricalFeatures_EntityQuery_JoinsTheQuerysRowsInItsOrder()
    {
        await using var fixture = new OfflineStoreFixture();
        RegisteredFeatureView view = fixture.RegisterCustomerStats();
        await fixture.Store.IngestAsync(view, [Row(1, 10, 1.0, 1), Row(2, 10, 2.0, 2)]);
        string csv = Path.Combine(fixture.Folder, "entities.csv");
        await File.WriteAllTextAsync(csv, """
            customer_id,event_timestamp,label
            2,2024-01-01 00:20:00,1
            1,2024-01-01 00:05:00,0
            1,2024-01-01 02:20:00+02,1
            """);
        var query = new EntityQuery($"SELECT customer_id::BIGINT AS customer_id, event_timestamp, label::BOOLEAN AS label FROM read_csv('{csv}', header = true)");

        await using HistoricalFeatures result = await fixture.Store.GetHistoricalFeaturesAsync(query, view.AllFeatures);
        List<object?[]> rows = await ReadAll(result);

        Assert.Equal(["customer_id", "label", "event_timestamp", "spend", "count"], result.ColumnNames);
        Assert.Equal(3, result.RowCount);
        Assert.Equal([2L, true, T0.AddMinutes(20), 2.0, 2], rows[0]);
        Assert.Equal([1L, false, T0.AddMinutes(5), null, null], rows[1]);
        Assert.Equal([1L, true, T0.AddMinutes(20), 1.0, 1], rows[2]);
    }

    [Fact]
    public async Task GetHistoricalFeatures_BadEntityQuery_ThrowsArgumentException()
    {
        await using var fixture = new OfflineStoreFixture();
        RegisteredFeatureView view = fixture.RegisterCustomerStats();

        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Store.GetHistoricalFeaturesAsync(
            new EntityQuery("SELECT 1::BIGINT AS customer_id, TIMESTAMP '2024-01-01' AS ts"), view.AllFeatures));
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Store.GetHistoricalFeaturesAsync(
            new EntityQuery("SELECT 1::INTEGER AS customer_id, TIMESTAMP '2024-01-01' AS event_timestamp"), view.AllFeatures));
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Store.GetHistoricalFeaturesAsync(
            new EntityQuery("SELECT 1::BIGINT AS customer_id, [1, 2] AS list, TIMESTAMP '2024-01-01' AS event_timestamp"), view.AllFeatures));
    }
}
