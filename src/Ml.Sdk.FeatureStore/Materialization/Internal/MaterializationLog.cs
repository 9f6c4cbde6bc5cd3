using DuckDB.NET.Data;
using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Offline;

namespace Ml.Sdk.FeatureStore.Materialization.Internal;

/// <summary>
/// What materialization has done, kept in the offline store's database: per view version, the end of the last
/// completed interval (the next incremental run starts there) and the last key written of an unfinished interval (a
/// rerun of the same interval resumes after it).
/// </summary>
internal sealed class MaterializationLog
{
    private const string Table = "__ml_sdk_materialization";

    private readonly DuckDbOfflineStore _offline;

    public MaterializationLog(DuckDbOfflineStore offline)
    {
        _offline = offline;
        using DuckDBConnection connection = offline.OpenConnection();
        using DuckDBCommand command = connection.CreateCommand();
        command.CommandText = $"CREATE TABLE IF NOT EXISTS {Table} (view VARCHAR, version INTEGER, completed_until TIMESTAMPTZ, " +
            "pending_start TIMESTAMPTZ, pending_end TIMESTAMPTZ, pending_after VARCHAR, PRIMARY KEY (view, version))";
        command.ExecuteNonQuery();
    }

    /// <summary>The end of the last completed interval, or null if none completed.</summary>
    public DateTimeOffset? CompletedUntil(RegisteredFeatureView view)
    {
        using DuckDBConnection connection = _offline.OpenConnection();
        using DuckDBDataReader? reader = Select(connection, view, "completed_until");
        return reader is not null && !reader.IsDBNull(0) ? Utc(reader.GetDateTime(0)) : null;
    }

    /// <summary>The last key written by an unfinished run of exactly [start, end], or null.</summary>
    public IReadOnlyList<object>? PendingAfter(RegisteredFeatureView view, DateTimeOffset start, DateTimeOffset end)
    {
        using DuckDBConnection connection = _offline.OpenConnection();
        using DuckDBDataReader? reader = Select(connection, view, "pending_start, pending_end, pending_after");
        return reader is not null && !reader.IsDBNull(2)
            && Utc(reader.GetDateTime(0)) == start.ToUniversalTime() && Utc(reader.GetDateTime(1)) == end.ToUniversalTime()
            ? KeyText.Parse(view, reader.GetString(2))
            : null;
    }

    /// <summary>Records that every key up to <paramref name="lastKey"/> of [start, end] is in the online store.</summary>
    public void SavePending(RegisteredFeatureView view, DateTimeOffset start, DateTimeOffset end, IReadOnlyList<object> lastKey)
    {
        using DuckDBConnection connection = _offline.OpenConnection();
        Upsert(connection, view, "pending_start = $3, pending_end = $4, pending_after = $5",
            [start.ToUniversalTime(), end.ToUniversalTime(), KeyText.Format(view, lastKey)]);
    }

    /// <summary>Records a completed interval: the watermark moves to its end (never back), and nothing is pending.</summary>
    public void Complete(RegisteredFeatureView view, DateTimeOffset end)
    {
        using DuckDBConnection connection = _offline.OpenConnection();
        Upsert(connection, view,
            "completed_until = greatest(coalesce(completed_until, $3), $3), pending_start = NULL, pending_end = NULL, pending_after = NULL",
            [end.ToUniversalTime()]);
    }

    private static DuckDBDataReader? Select(DuckDBConnection connection, RegisteredFeatureView view, string columns)
    {
        using DuckDBCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT {columns} FROM {Table} WHERE view = $1 AND version = $2";
        command.Parameters.Add(new DuckDBParameter(view.Name));
        command.Parameters.Add(new DuckDBParameter(view.Version));
        var reader = (DuckDBDataReader)command.ExecuteReader();
        if (reader.Read())
        {
            return reader;
        }

        reader.Dispose();
        return null;
    }

    /// <summary>Makes sure the view's row exists, then sets columns; the values are parameters $3, $4, ...</summary>
    private static void Upsert(DuckDBConnection connection, RegisteredFeatureView view, string assignments, object[] values)
    {
        using DuckDBTransaction transaction = connection.BeginTransaction();
        using (DuckDBCommand insert = connection.CreateCommand())
        {
            insert.CommandText = $"INSERT OR IGNORE INTO {Table} (view, version) VALUES ($1, $2)";
            insert.Parameters.Add(new DuckDBParameter(view.Name));
            insert.Parameters.Add(new DuckDBParameter(view.Version));
            insert.ExecuteNonQuery();
        }

        using (DuckDBCommand update = connection.CreateCommand())
        {
            update.CommandText = $"UPDATE {Table} SET {assignments} WHERE view = $1 AND version = $2";
            update.Parameters.Add(new DuckDBParameter(view.Name));
            update.Parameters.Add(new DuckDBParameter(view.Version));
            foreach (object value in values)
            {
                update.Parameters.Add(new DuckDBParameter(value));
            }

            update.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
