using System.Globalization;
using System.Text;
using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Definitions;

namespace Ml.Sdk.FeatureStore.Offline.Internal;

/// <summary>
/// The SQL of a point-in-time correct retrieval, with Feast's semantics: per entity row and view, the candidates are
/// the view's rows with equal join keys and <c>event_ts &lt;= entity_ts</c> (and, with a TTL,
/// <c>event_ts &gt;= entity_ts - ttl</c>); the latest event timestamp wins, then the latest created timestamp, then the
/// row written last. Every entity row and column is kept, in input order.
/// </summary>
/// <remarks>
/// A view that may hold several rows with the same join keys and event timestamp is first reduced to one row per such
/// pair, the winner of its ties (a view known to hold none skips that pass); the latest row at or before the entity
/// timestamp is then an <c>ASOF LEFT JOIN</c>, and the TTL a condition on the match: the latest row at or before t is
/// inside [t - ttl, t] exactly when some row is, so the result is Feast's.
/// </remarks>
internal static class PointInTimeQuery
{
    /// <summary>The entity table's row number column, which keeps the input order.</summary>
    public const string RowColumn = "__row";

    /// <summary>The entity table's timestamp column (UTC).</summary>
    public const string EntityTimestampColumn = "__entity_ts";

    /// <summary>The name of the timestamp column in the result, as in Feast's training dataframes.</summary>
    public const string ResultTimestampColumn = "event_timestamp";

    /// <summary>The SQL reading a view's rows: join keys, <c>__ts</c>, <c>__created</c>, <c>__seq</c> and the named features.</summary>
    public static string SourceOf(RegisteredFeatureView view, IEnumerable<Field> features)
    {
        FeatureSource source = view.View.Source;
        var columns = new StringBuilder();
        foreach (Field key in view.JoinKeys)
        {
            columns.Append(CultureInfo.InvariantCulture, $"CAST({DuckDbSql.Id(key.Name)} AS {DuckDbSql.TypeOf(key.Type)}) AS {DuckDbSql.Id(key.Name)}, ");
        }

        columns.Append(CultureInfo.InvariantCulture, $"CAST({DuckDbSql.Id(source.EventTimestampColumn)} AS TIMESTAMPTZ) AS __ts, ");
        columns.Append(source.CreatedTimestampColumn is { } created
            ? $"CAST({DuckDbSql.Id(created)} AS TIMESTAMPTZ) AS __created, "
            : "CAST(NULL AS TIMESTAMPTZ) AS __created, ");
        foreach (Field feature in features)
        {
            columns.Append(CultureInfo.InvariantCulture, $"CAST({DuckDbSql.Id(feature.Name)} AS {DuckDbSql.TypeOf(feature.Type)}) AS {DuckDbSql.Id(feature.Name)}, ");
        }

        return source.Kind switch
        {
            FeatureSourceKind.Ingested =>
                $"SELECT {columns}__seq FROM {DuckDbSql.TableOf(view.Name, view.Version)}",
            FeatureSourceKind.Parquet =>
                $"SELECT {columns}row_number() OVER (ORDER BY filename, file_row_number) AS __seq FROM read_parquet({DuckDbSql.Literal(source.Path!)}, filename = true, file_row_number = true)",
            FeatureSourceKind.Csv =>
                $"SELECT {columns}row_number() OVER () AS __seq FROM read_csv({DuckDbSql.Literal(source.Path!)}, header = true)",
            _ => throw new InvalidOperationException($"Unknown source kind {source.Kind}."),
        };
    }

    /// <summary>
    /// The SQL of each key's latest row with <c>$1 &lt;= event_ts &lt;= $2</c> (both inclusive, as Feast materializes),
    /// ordered by key; with <paramref name="afterKey"/>, only keys greater than the values in <c>$3</c>, <c>$4</c>, ...
    /// </summary>
    public static string Latest(RegisteredFeatureView view, bool afterKey)
    {
        string keys = string.Join(", ", view.JoinKeys.Select(k => DuckDbSql.Id(k.Name)));
        string features = string.Join(", ", view.View.Features.Select(f => DuckDbSql.Id(f.Name)));
        string after = afterKey
            ? $" AND ({keys}) > ({string.Join(", ", view.JoinKeys.Select((k, i) => $"CAST(${i + 3} AS {DuckDbSql.TypeOf(k.Type)})"))})"
            : string.Empty;
        return $"SELECT {keys}, __ts, {features} FROM ({SourceOf(view, view.View.Features)}) " +
            $"WHERE __ts >= $1 AND __ts <= $2{after} " +
            $"QUALIFY row_number() OVER (PARTITION BY {keys} ORDER BY __ts DESC, __created DESC NULLS LAST, __seq DESC) = 1 " +
            $"ORDER BY {keys}";
    }

    /// <summary>The retrieval's SQL over the entity table <paramref name="entityTable"/>.</summary>
    /// <param name="entityTable">A table with <see cref="RowColumn"/>, the entity columns and <see cref="EntityTimestampColumn"/>.</param>
    /// <param name="entityColumns">The entity columns, in order.</param>
    /// <param name="features">The requested features, in output order.</param>
    /// <param name="mayHaveTies">Whether a view may hold two rows with the same join keys and event timestamp.</param>
    public static string Build(string entityTable, IReadOnlyList<Field> entityColumns, IReadOnlyList<ServiceFeature> features, Func<RegisteredFeatureView, bool> mayHaveTies)
    {
        List<RegisteredFeatureView> views = [.. features.Select(f => f.View).Distinct()];
        var sql = new StringBuilder("WITH ");
        for (int i = 0; i < views.Count; i++)
        {
            RegisteredFeatureView view = views[i];
            string keys = string.Join(", ", view.JoinKeys.Select(k => DuckDbSql.Id(k.Name)));
            IEnumerable<Field> wanted = features.Where(f => f.View == view).Select(f => f.Field);
            sql.Append(i == 0 ? string.Empty : ", ")
                .Append(CultureInfo.InvariantCulture, $"v{i} AS (SELECT * EXCLUDE (__created, __seq) FROM ({SourceOf(view, wanted)})")
                .Append(mayHaveTies(view)
                    ? $" QUALIFY row_number() OVER (PARTITION BY {keys}, __ts ORDER BY __created DESC NULLS LAST, __seq DESC) = 1)"
                    : ")");
        }

        sql.Append(" SELECT ");
        foreach (Field column in entityColumns)
        {
            sql.Append(CultureInfo.InvariantCulture, $"e.{DuckDbSql.Id(column.Name)}, ");
        }

        sql.Append(CultureInfo.InvariantCulture, $"e.{EntityTimestampColumn} AS {ResultTimestampColumn}");
        foreach (ServiceFeature feature in features)
        {
            int i = views.IndexOf(feature.View);
            string value = $"v{i}.{DuckDbSql.Id(feature.Field.Name)}";
            sql.Append(", ").Append(feature.View.View.HasTtl
                ? $"CASE WHEN v{i}.__ts >= e.{EntityTimestampColumn} - {DuckDbSql.Interval(feature.View.View.Ttl!.Value)} THEN {value} END"
                : value).Append(CultureInfo.InvariantCulture, $" AS {DuckDbSql.Id(feature.Field.Name)}");
        }

        sql.Append(CultureInfo.InvariantCulture, $" FROM {entityTable} e");
        for (int i = 0; i < views.Count; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $" ASOF LEFT JOIN v{i} ON ");
            foreach (Field key in views[i].JoinKeys)
            {
                sql.Append(CultureInfo.InvariantCulture, $"e.{DuckDbSql.Id(key.Name)} = v{i}.{DuckDbSql.Id(key.Name)} AND ");
            }

            sql.Append(CultureInfo.InvariantCulture, $"e.{EntityTimestampColumn} >= v{i}.__ts");
        }

        sql.Append(CultureInfo.InvariantCulture, $" ORDER BY e.{RowColumn}");
        return sql.ToString();
    }
}
