using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Definitions;
using Ml.Sdk.FeatureStore.Offline;
using static Ml.Sdk.FeatureStore.Tests.Offline.OfflineStoreFixture;

namespace Ml.Sdk.FeatureStore.Tests.Offline;

/// <summary>
/// The store's point-in-time join against a brute-force reading of Feast's rule on random data: few keys, minutes and
/// created times so that ties are common, TTLs that entity times hit exactly, keys without rows and entity rows before
/// every feature row.
/// </summary>
public sealed class PointInTimeJoinPropertyTests : IAsyncLifetime
{
    private readonly OfflineStoreFixture _fixture = new();
    private int _views;

    [Property(MaxTest = 120)]
    public Property GetHistoricalFeatures_RandomData_MatchesTheBruteForceJoin() =>
        Prop.ForAll(Cases(), c =>
        {
            RegisteredFeatureView view = _fixture.Catalog.Register(new FeatureView(
                $"v{Interlocked.Increment(ref _views)}",
                ["customer"],
                [new Field("spend", FeatureValueType.Float64), new Field("count", FeatureValueType.Int32)],
                FeatureSource.Ingested())
            { Ttl = c.TtlMinutes is { } ttl ? TimeSpan.FromMinutes(ttl) : null });

            // Rows go in over several batches; the row index (spend) identifies the winner, and the global order is the
            // write order that breaks full ties.
            var written = new List<(long Key, int Minute, DateTimeOffset Created, int Order)>();
            int order = 0;
            foreach (FeatureRowCase[] batch in c.Batches)
            {
                var rows = new List<OfflineFeatureRow>();
                foreach (FeatureRowCase row in batch)
                {
                    rows.Add(Row(row.Key, row.Minute, order, order, row.CreatedMinute));
                    written.Add((row.Key, row.Minute, row.CreatedMinute is { } m ? T0.AddMinutes(m) : _fixture.Clock.GetUtcNow(), order));
                    order++;
                }

                if (rows.Count > 0)
                {
                    _fixture.Store.IngestAsync(view, rows).GetAwaiter().GetResult();
                }
            }

            var entities = new EntityRows(new Field("customer_id", FeatureValueType.Int64));
            foreach ((long key, int minute) in c.Entities)
            {
                entities.Add(T0.AddMinutes(minute), key);
            }

            List<object?[]> actual;
            using (HistoricalFeatures result = _fixture.Store.GetHistoricalFeaturesAsync(entities, view.AllFeatures).GetAwaiter().GetResult())
            {
                actual = ReadAll(result).GetAwaiter().GetResult();
            }

            for (int i = 0; i < c.Entities.Length; i++)
            {
                (long key, int minute) = c.Entities[i];
                int? expected = BruteForce(written, key, minute, c.TtlMinutes);
                object?[] row = actual[i];
                if (!Equals(row[0], key) || !Equals(row[1], T0.AddMinutes(minute))
                    || !Equals(row[2], expected is { } e ? (double)e : null) || !Equals(row[3], expected))
                {
                    return false.Label($"entity row {i} ({key} at {minute}): expected row {expected?.ToString() ?? "none"}, got spend {row[2] ?? "null"}");
                }
            }

            return (actual.Count == c.Entities.Length).Label("one result row per entity row");
        });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    /// <summary>Feast's rule read literally: the candidates, then the greatest by (event, created, write order).</summary>
    private static int? BruteForce(List<(long Key, int Minute, DateTimeOffset Created, int Order)> rows, long key, int minute, int? ttl) =>
        rows.Where(r => r.Key == key && r.Minute <= minute && (ttl is not > 0 || r.Minute >= minute - ttl))
            .OrderByDescending(r => r.Minute).ThenByDescending(r => r.Created).ThenByDescending(r => r.Order)
            .Select(r => (int?)r.Order)
            .FirstOrDefault();

    private static Arbitrary<JoinCase> Cases()
    {
        Gen<FeatureRowCase> row =
            from key in Gen.Choose(1, 4)
            from minute in Gen.Choose(0, 30)
            from created in Gen.Frequency((1, Gen.Constant<int?>(null)), (3, Gen.Choose(0, 3).Select(m => (int?)m)))
            select new FeatureRowCase(key, minute, created);
        Gen<(long, int)> entity =
            from key in Gen.Choose(1, 6)
            from minute in Gen.Choose(-5, 40)
            select ((long)key, minute);
        Gen<JoinCase> cases =
            from ttl in Gen.Elements<int?>(null, 0, 1, 5, 10)
            from batches in row.ArrayOf().Select(r => r.Take(25).ToArray()).ArrayOf().Select(b => b.Take(3).ToArray())
            from entities in entity.ArrayOf().Select(e => e.Take(20).ToArray())
            select new JoinCase(ttl, batches, entities);
        return cases.ToArbitrary();
    }

    public sealed record FeatureRowCase(int Key, int Minute, int? CreatedMinute);

    public sealed record JoinCase(int? TtlMinutes, FeatureRowCase[][] Batches, (long Key, int Minute)[] Entities)
    {
        public override string ToString() =>
            $"ttl {TtlMinutes?.ToString() ?? "none"}; rows {string.Join(" | ", Batches.Select(b => string.Join(", ", b.Select(r => $"{r.Key}@{r.Minute}/{r.CreatedMinute?.ToString() ?? "-"}"))))}; entities {string.Join(", ", Entities.Select(e => $"{e.Key}@{e.Minute}"))}";
    }
}
