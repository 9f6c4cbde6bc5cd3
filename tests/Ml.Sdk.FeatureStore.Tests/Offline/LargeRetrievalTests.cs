using DuckDB.NET.Data;
using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Definitions;
using Ml.Sdk.FeatureStore.Offline;

namespace Ml.Sdk.FeatureStore.Tests.Offline;

/// <summary>A retrieval whose inputs are several times the store's memory limit completes, streaming, and is right.</summary>
public sealed class LargeRetrievalTests
{
    [Fact]
    public async Task GetHistoricalFeatures_InputsLargerThanTheMemoryLimit_ExportAllRowsCorrectly()
    {
        // 4,000,000 feature rows (about 190 MB as DuckDB holds them in memory) against a 64 MB limit: the tie-breaking
        // pass, the join and the sort must spill.
        await using var fixture = new OfflineStoreFixture(memoryLimit: "64MB");
        string source = Path.Combine(fixture.Folder, "history.parquet");
        const int Keys = 100_000;
        const int Hours = 40;
        using (var generator = new DuckDBConnection("DataSource=:memory:"))
        {
            generator.Open();
            using DuckDBCommand command = generator.CreateCommand();
            command.CommandText = $"""
                COPY (SELECT (i % {Keys})::BIGINT AS customer_id,
                             TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_hours((i // {Keys})::BIGINT) AS event_timestamp,
                             (i % {Keys}) * 1000.0 + (i // {Keys}) AS spend,
                             random() AS noise
                      FROM range({Keys * Hours}) t(i))
                TO '{source}' (FORMAT parquet)
                """;
            command.ExecuteNonQuery();
        }

        RegisteredFeatureView view = fixture.Catalog.Register(new FeatureView(
            "history", ["customer"], [new Field("spend", FeatureValueType.Float64), new Field("noise", FeatureValueType.Float64)],
            FeatureSource.Parquet(source) with { CreatedTimestampColumn = null }));

        // Entity row i asks for customer i % Keys half an hour after hour (i % Hours): the row of that hour wins.
        var entities = new EntityRows(new Field("customer_id", FeatureValueType.Int64), new Field("expected", FeatureValueType.Float64));
        for (int i = 0; i < 300_000; i++)
        {
            long customer = (i * 7919L) % Keys;
            int hour = i % Hours;
            entities.Add(OfflineStoreFixture.T0.AddHours(hour + 0.5), customer, (customer * 1000.0) + hour);
        }

        string output = Path.Combine(fixture.Folder, "training.parquet");
        await using (HistoricalFeatures result = await fixture.Store.GetHistoricalFeaturesAsync(entities, fixture.Catalog.ResolveFeatures(["history:spend"])))
        {
            await result.ExportParquetAsync(output);
        }

        using var check = new DuckDBConnection("DataSource=:memory:");
        check.Open();
        using DuckDBCommand query = check.CreateCommand();
        query.CommandText = $"SELECT count(*), count(*) FILTER (WHERE spend IS DISTINCT FROM expected) FROM read_parquet('{output}')";
        using var reader = query.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(300_000L, reader.GetInt64(0));
        Assert.Equal(0L, reader.GetInt64(1));
    }
}
