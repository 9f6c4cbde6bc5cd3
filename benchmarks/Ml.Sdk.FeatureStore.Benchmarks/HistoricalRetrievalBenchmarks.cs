using BenchmarkDotNet.Attributes;
using DuckDB.NET.Data;
using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Definitions;
using Ml.Sdk.FeatureStore.Offline;

namespace Ml.Sdk.FeatureStore.Benchmarks;

/// <summary>
/// Historical retrieval of 1,000,000 entity rows against 10,000,000 feature rows (100,000 customers, 100 rows each,
/// three features, a 7-day TTL) through the store, against a plain DuckDB <c>ASOF LEFT JOIN</c> of the same tables in
/// the same database. Both load the same entity rows from .NET with DuckDB's appender and write the result to Parquet,
/// so the difference is what Feast's semantics cost: the TTL, input order, and the tie check.
/// </summary>
/// <remarks>
/// Run by hand: <c>dotnet run -c Release --project benchmarks/Ml.Sdk.FeatureStore.Benchmarks -- --filter '*HistoricalRetrieval*'</c>.
/// The setup ingests the 10M rows through <see cref="DuckDbOfflineStore.IngestAsync"/> (about a minute).
/// </remarks>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class HistoricalRetrievalBenchmarks
{
    private const int Customers = 100_000;
    private const int RowsPerCustomer = 100;
    private const int EntityRowCount = 1_000_000;
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private string _folder = string.Empty;
    private DuckDbOfflineStore? _store;
    private IReadOnlyList<ServiceFeature> _features = [];
    private EntityRows _entities = new(new Field("customer_id", FeatureValueType.Int64));
    private string _table = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("mlsdk-historical-").FullName;
        _store = new DuckDbOfflineStore(new DuckDbOfflineStoreOptions { DatabasePath = Path.Combine(_folder, "offline.duckdb") });
        var catalog = new FeatureCatalog();
        catalog.Register(new Entity("customer", new Field("customer_id", FeatureValueType.Int64)));
        RegisteredFeatureView view = catalog.Register(new FeatureView(
            "customer_stats",
            ["customer"],
            [new Field("spend_7d", FeatureValueType.Float64), new Field("txn_count_7d", FeatureValueType.Int64), new Field("merchants_7d", FeatureValueType.Int64)],
            FeatureSource.Ingested())
        { Ttl = TimeSpan.FromDays(7) });
        _features = view.AllFeatures;
        _table = $"fv_{view.Name}_v{view.Version}";

        // Customer c has a row every hour plus a per-customer offset, so no two rows of a customer share a time.
        var random = new Random(7);
        const int Batch = 250_000;
        var rows = new List<OfflineFeatureRow>(Batch);
        for (long i = 0; i < (long)Customers * RowsPerCustomer; i++)
        {
            long customer = i % Customers;
            long hour = i / Customers;
            rows.Add(new OfflineFeatureRow(
                [customer],
                Start.AddHours(hour).AddSeconds(customer % 3600),
                [random.NextDouble() * 1000, (long)random.Next(100), (long)random.Next(30)],
                Start.AddHours(hour + 1)));
            if (rows.Count == Batch)
            {
                _store.IngestAsync(view, rows).GetAwaiter().GetResult();
                rows.Clear();
            }
        }

        for (int i = 0; i < EntityRowCount; i++)
        {
            _entities.Add(Start.AddSeconds(random.Next(RowsPerCustomer * 3600 + 3600)), (long)random.Next(Customers + 1000));
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public async Task FeatureStore()
    {
        await using HistoricalFeatures result = await _store!.GetHistoricalFeaturesAsync(_entities, _features);
        await result.ExportParquetAsync(Path.Combine(_folder, "store.parquet"));
    }

    [Benchmark(Baseline = true)]
    public void PlainAsofJoin()
    {
        using var connection = new DuckDBConnection($"DataSource={Path.Combine(_folder, "offline.duckdb")}");
        connection.Open();
        Execute(connection, "CREATE TEMP TABLE e (customer_id BIGINT, ts TIMESTAMPTZ)");
        using (DuckDBAppender appender = connection.CreateAppender("temp", "main", "e"))
        {
            for (int row = 0; row < _entities.Count; row++)
            {
                appender.CreateRow().AppendValue((long?)_entities.ValueAt(row, 0)).AppendValue((DateTimeOffset?)_entities.TimestampOf(row)).EndRow();
            }
        }

        Execute(connection, $"""
            COPY (SELECT e.*, f.spend_7d, f.txn_count_7d, f.merchants_7d FROM e
                  ASOF LEFT JOIN {_table} f ON e.customer_id = f.customer_id AND e.ts >= f.event_timestamp)
            TO '{Path.Combine(_folder, "plain.parquet")}' (FORMAT parquet)
            """);
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using DuckDBCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
