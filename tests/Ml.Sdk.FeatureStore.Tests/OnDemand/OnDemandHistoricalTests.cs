using DuckDB.NET.Data;
using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Definitions;
using Ml.Sdk.FeatureStore.Offline;
using Ml.Sdk.FeatureStore.Tests.Offline;
using static Ml.Sdk.FeatureStore.Tests.OnDemand.OnDemandDefinitions;
using static Ml.Sdk.FeatureStore.Tests.Offline.OfflineStoreFixture;

namespace Ml.Sdk.FeatureStore.Tests.OnDemand;

/// <summary>On-demand features in training sets: computed per row from the point-in-time values and entity columns.</summary>
public sealed class OnDemandHistoricalTests
{
    private static readonly Field CustomerId = new("customer_id", FeatureValueType.Int64);

    [Fact]
    public async Task ReadRowsAsync_OnDemandOutput_ComputedFromPointInTimeSourceAndRequestColumn()
    {
        await using var fixture = new OfflineStoreFixture();
        RegisteredFeatureView stats = await IngestStatsAsync(fixture);
        fixture.Catalog.Register(SpendRatio());

        // spend is not requested: the join reads it anyway for the transform, and leaves it out of the result.
        await using HistoricalFeatures result = await fixture.Store.GetHistoricalFeaturesAsync(
            Entities(), fixture.Catalog.ResolveFeatures(["customer_stats:count", "spend_ratio:ratio", "spend_ratio:spend_known"]));
        List<object?[]> rows = await ReadAll(result);

        Assert.Equal(["customer_id", "amount", "event_timestamp", "count", "ratio", "spend_known"], result.ColumnNames);
        Assert.Equal([1L, 2.0, T0.AddMinutes(15), 1, 2.0, true], rows[0]);          // spend 4.0 (at 10) / 2.0
        Assert.Equal([1L, 2.0, T0.AddMinutes(5), null, null, false], rows[1]);      // before any row: missing source
        Assert.Equal([2L, 4.0, T0.AddMinutes(30), null, null, false], rows[2]);     // row at 0 is past the 10 minute TTL
        Assert.Equal([2L, 16.0, T0.AddMinutes(5), 2, 0.5, true], rows[3]);          // spend 8.0 (at 0) / 16.0
        Assert.Equal([1L, null, T0.AddMinutes(20), 1, null, true], rows[4]);        // no amount: ratio null by the transform's rule
        Assert.Equal(5, rows.Count);
        Assert.Equal(10, stats.View.Ttl!.Value.TotalMinutes);
    }

    [Fact]
    public async Task ReadRowsAsync_StoredSourceAlsoRequested_IsReturnedOnceInRequestOrder()
    {
        await using var fixture = new OfflineStoreFixture();
        await IngestStatsAsync(fixture);
        fixture.Catalog.Register(SpendRatio());

        await using HistoricalFeatures result = await fixture.Store.GetHistoricalFeaturesAsync(
            Entities(), fixture.Catalog.ResolveFeatures(["spend_ratio:ratio", "customer_stats:spend"]));
        List<object?[]> rows = await ReadAll(result);

        Assert.Equal(["customer_id", "amount", "event_timestamp", "ratio", "spend"], result.ColumnNames);
        Assert.Equal([1L, 2.0, T0.AddMinutes(15), 2.0, 4.0], rows[0]);
        Assert.Equal([2L, 16.0, T0.AddMinutes(5), 0.5, 8.0], rows[3]);
    }

    [Fact]
    public async Task ReadRowsAsync_EntityColumnNamedLikeAnUnrequestedSource_KeepsBoth()
    {
        await using var fixture = new OfflineStoreFixture();
        await IngestStatsAsync(fixture);
        fixture.Catalog.Register(SpendRatio());
        EntityRows entities = new EntityRows(CustomerId, Amount, new Field("spend", FeatureValueType.String))
            .Add(T0.AddMinutes(15), 1L, 2.0, "label");

        await using HistoricalFeatures result = await fixture.Store.GetHistoricalFeaturesAsync(entities, fixture.Catalog.ResolveFeatures(["spend_ratio:ratio"]));
        List<object?[]> rows = await ReadAll(result);

        Assert.Equal([1L, 2.0, "label", T0.AddMinutes(15), 2.0], Assert.Single(rows));
    }

    [Fact]
    public async Task ReadRowsAsync_EntityQuery_TakesRequestFieldsFromTheQueryColumns()
    {
        await using var fixture = new OfflineStoreFixture();
        await IngestStatsAsync(fixture);
        fixture.Catalog.Register(SpendRatio());
        var query = new EntityQuery(
            "SELECT 2::BIGINT AS customer_id, 4.0::DOUBLE AS amount, TIMESTAMPTZ '2024-01-01 00:05:00+00' AS event_timestamp");

        await using HistoricalFeatures result = await fixture.Store.GetHistoricalFeaturesAsync(query, fixture.Catalog.ResolveFeatures(["spend_ratio:ratio"]));
        List<object?[]> rows = await ReadAll(result);

        Assert.Equal([2L, 4.0, T0.AddMinutes(5), 2.0], Assert.Single(rows));
    }

    [Fact]
    public async Task ExportParquetAsync_WithOnDemandColumns_ReadsBackWithDuckDb()
    {
        await using var fixture = new OfflineStoreFixture();
        await IngestStatsAsync(fixture);
        fixture.Catalog.Register(SpendRatio());
        RegisteredFeatureService service = fixture.Catalog.Register(new FeatureService(
            "fraud", new FeatureProjection("spend_ratio", "ratio"), new FeatureProjection("customer_stats", "count"), new FeatureProjection("spend_ratio", "spend_known")));
        string path = Path.Combine(fixture.Folder, "training.parquet");

        await using (HistoricalFeatures result = await fixture.Store.GetHistoricalFeaturesAsync(Entities(), service))
        {
            await result.ExportParquetAsync(path);
        }

        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        using DuckDBCommand command = duck.CreateCommand();
        command.CommandText = $"SELECT customer_id, amount, epoch_us(event_timestamp), ratio, count, spend_known FROM read_parquet('{path.Replace("'", "''", StringComparison.Ordinal)}')";
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i))]);
        }

        long Micros(int minutes) => T0.AddMinutes(minutes).ToUnixTimeMilliseconds() * 1000;
        Assert.Equal(
            [
                [1L, 2.0, Micros(15), 2.0, 1, true],
                [1L, 2.0, Micros(5), null, null, false],
                [2L, 4.0, Micros(30), null, null, false],
                [2L, 16.0, Micros(5), 0.5, 2, true],
                [1L, null, Micros(20), null, 1, true],
            ],
            rows);
    }

    [Fact]
    public async Task ExportCsvAsync_WithOnDemandColumns_WritesHeaderAndComputedValues()
    {
        await using var fixture = new OfflineStoreFixture();
        await IngestStatsAsync(fixture);
        fixture.Catalog.Register(SpendRatio());
        string path = Path.Combine(fixture.Folder, "training.csv");

        await using (HistoricalFeatures result = await fixture.Store.GetHistoricalFeaturesAsync(Entities(), fixture.Catalog.ResolveFeatures(["spend_ratio:ratio"])))
        {
            await result.ExportCsvAsync(path);
        }

        string[] lines = await File.ReadAllLinesAsync(path);
        Assert.Equal("customer_id,amount,event_timestamp,ratio", lines[0]);
        Assert.Equal(6, lines.Length);
        Assert.StartsWith("1,2.0,", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",2.0", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",0.5", lines[4], StringComparison.Ordinal);
        Assert.EndsWith(",", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHistoricalFeatures_RequestFieldMissingFromEntityColumns_ThrowsNamingViewAndField()
    {
        await using var fixture = new OfflineStoreFixture();
        await IngestStatsAsync(fixture);
        fixture.Catalog.Register(SpendRatio());
        EntityRows entities = new EntityRows(CustomerId).Add(T0, 1L);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            fixture.Store.GetHistoricalFeaturesAsync(entities, fixture.Catalog.ResolveFeatures(["spend_ratio:ratio"])));

        Assert.Contains("spend_ratio", error.Message, StringComparison.Ordinal);
        Assert.Contains("'amount'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHistoricalFeatures_RequestFieldWithAnotherType_Throws()
    {
        await using var fixture = new OfflineStoreFixture();
        await IngestStatsAsync(fixture);
        fixture.Catalog.Register(SpendRatio());
        EntityRows entities = new EntityRows(CustomerId, new Field("amount", FeatureValueType.Float32)).Add(T0, 1L, 1f);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            fixture.Store.GetHistoricalFeaturesAsync(entities, fixture.Catalog.ResolveFeatures(["spend_ratio:ratio"])));

        Assert.Contains("Float32", error.Message, StringComparison.Ordinal);
        Assert.Contains("Float64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadRowsAsync_TransformSetsAWrongType_ThrowsNamingViewAndOutput()
    {
        await using var fixture = new OfflineStoreFixture();
        await IngestStatsAsync(fixture);
        fixture.Catalog.Register(SpendRatio(transform: RatioAsFloat));

        await using HistoricalFeatures result = await fixture.Store.GetHistoricalFeaturesAsync(Entities(), fixture.Catalog.ResolveFeatures(["spend_ratio:ratio"]));
        var error = await Assert.ThrowsAsync<OnDemandFeatureException>(() => ReadAll(result));

        Assert.Equal("spend_ratio", error.ViewName);
        Assert.Contains("'ratio'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Single", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadRowsAsync_TransformLeavesAnOutputUnset_ThrowsNamingIt()
    {
        await using var fixture = new OfflineStoreFixture();
        await IngestStatsAsync(fixture);
        fixture.Catalog.Register(SpendRatio(transform: RatioUnset));

        await using HistoricalFeatures result = await fixture.Store.GetHistoricalFeaturesAsync(Entities(), fixture.Catalog.ResolveFeatures(["spend_ratio:ratio"]));
        var error = await Assert.ThrowsAsync<OnDemandFeatureException>(() => ReadAll(result));

        Assert.Contains("'spend_known'", error.Message, StringComparison.Ordinal);
        Assert.Contains("spend_ratio", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportParquetAsync_TransformThrows_PropagatesWrappedWithTheViewName()
    {
        await using var fixture = new OfflineStoreFixture();
        await IngestStatsAsync(fixture);
        fixture.Catalog.Register(SpendRatio(transform: Throws));

        await using HistoricalFeatures result = await fixture.Store.GetHistoricalFeaturesAsync(Entities(), fixture.Catalog.ResolveFeatures(["spend_ratio:ratio"]));
        var error = await Assert.ThrowsAsync<OnDemandFeatureException>(() => result.ExportParquetAsync(Path.Combine(fixture.Folder, "x.parquet")));

        Assert.Equal("spend_ratio", error.ViewName);
        Assert.Contains("spend_ratio", error.Message, StringComparison.Ordinal);
        Assert.Equal("boom", Assert.IsType<InvalidOperationException>(error.InnerException).Message);
    }

    private static async Task<RegisteredFeatureView> IngestStatsAsync(OfflineStoreFixture fixture)
    {
        RegisteredFeatureView stats = fixture.RegisterCustomerStats(ttl: TimeSpan.FromMinutes(10));
        await fixture.Store.IngestAsync(stats, [Row(1, 10, 4.0, 1), Row(2, 0, 8.0, 2)]);
        return stats;
    }

    private static EntityRows Entities() => new EntityRows(CustomerId, Amount)
        .Add(T0.AddMinutes(15), 1L, 2.0)
        .Add(T0.AddMinutes(5), 1L, 2.0)
        .Add(T0.AddMinutes(30), 2L, 4.0)
        .Add(T0.AddMinutes(5), 2L, 16.0)
        .Add(T0.AddMinutes(20), 1L, null);
}
