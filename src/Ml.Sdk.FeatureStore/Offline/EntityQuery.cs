namespace Ml.Sdk.FeatureStore.Offline;

/// <summary>
/// Entity rows given as a DuckDB SQL query run inside the offline store, for entity sets too large to hold in .NET
/// (Feast's entity SQL). The query is the application's own code: it runs with the store's full access.
/// </summary>
/// <param name="Sql">A SELECT returning the join keys, the timestamp column and any other columns.</param>
/// <param name="TimestampColumn">The column to read features as of; any type DuckDB casts to TIMESTAMPTZ (a naive timestamp is UTC).</param>
public sealed record EntityQuery(string Sql, string TimestampColumn = "event_timestamp");
