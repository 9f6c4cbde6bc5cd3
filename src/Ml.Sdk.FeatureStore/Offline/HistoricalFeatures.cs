using System.Runtime.CompilerServices;
using DuckDB.NET.Data;
using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Catalog.Internal;
using Ml.Sdk.FeatureStore.Definitions;
using Ml.Sdk.FeatureStore.Offline.Internal;

namespace Ml.Sdk.FeatureStore.Offline;

/// <summary>
/// A point-in-time correct training set: every entity row and column, in input order, then <c>event_timestamp</c> (UTC),
/// then the requested features (null where no row qualified). Nothing is computed until it is read or exported, and
/// both stream: memory stays within the store's limit however many rows there are.
/// </summary>
/// <remarks>Owns a DuckDB connection holding the entity rows; dispose it when done. Not thread-safe.</remarks>
public sealed class HistoricalFeatures : IAsyncDisposable, IDisposable
{
    private readonly DuckDBConnection _connection;
    private readonly string _sql;
    private readonly OnDemandRowPlan? _onDemand;
    private bool _disposed;

    internal HistoricalFeatures(
        DuckDBConnection connection, string sql, IReadOnlyList<Field> entityColumns, IReadOnlyList<ServiceFeature> features, int rowCount, OnDemandRowPlan? onDemand = null)
    {
        _connection = connection;
        _sql = sql;
        _onDemand = onDemand;
        EntityColumns = entityColumns;
        Features = features;
        RowCount = rowCount;
    }

    /// <summary>Gets the entity columns, the first columns of every row.</summary>
    public IReadOnlyList<Field> EntityColumns { get; }

    /// <summary>Gets the features, the last columns of every row, in request order.</summary>
    public IReadOnlyList<ServiceFeature> Features { get; }

    /// <summary>Gets the number of rows (the number of entity rows).</summary>
    public int RowCount { get; }

    /// <summary>Gets the column names of a row: the entity columns, <c>event_timestamp</c>, the features.</summary>
    public IReadOnlyList<string> ColumnNames =>
        [.. EntityColumns.Select(c => c.Name), PointInTimeQuery.ResultTimestampColumn, .. Features.Select(f => f.Field.Name)];

    /// <summary>
    /// Reads the rows in input order, one array per row in <see cref="ColumnNames"/> order: values of the columns' .NET
    /// types, the timestamp as a UTC <see cref="DateTimeOffset"/>, null for a missing value.
    /// </summary>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <remarks>
    /// On-demand features are computed here, row by row, by their views' transforms; their source features are read
    /// with the point-in-time join even when not requested, and only the requested columns are returned.
    /// </remarks>
    /// <exception cref="OnDemandFeatureException">An on-demand view's transform threw, set a value of a wrong type or left an output unset.</exception>
    public async IAsyncEnumerable<object?[]> ReadRowsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using DuckDBCommand command = _connection.CreateCommand();
        command.CommandText = _sql;
        command.UseStreamingMode = true;
        using var reader = (DuckDBDataReader)await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        int columns = reader.FieldCount;
        int timestamp = EntityColumns.Count;
        OnDemandEvaluator[]? evaluators = _onDemand?.CreateEvaluators();

        // With on-demand features the SQL row is only an intermediate, so one buffer serves every row.
        object?[]? buffer = _onDemand is null ? null : new object?[columns];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            object?[] row = buffer ?? new object?[columns];
            for (int i = 0; i < columns; i++)
            {
                row[i] = reader.IsDBNull(i) ? null
                    : i == timestamp ? new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(i), DateTimeKind.Utc))
                    : reader.GetValue(i);
            }

            yield return _onDemand is null ? row : _onDemand.ToResult(row, evaluators!);
        }
    }

    /// <summary>Writes the rows to a Parquet file, streaming.</summary>
    /// <param name="path">The file to write; replaced if it exists.</param>
    /// <param name="cancellationToken">Stops the export.</param>
    public Task ExportParquetAsync(string path, CancellationToken cancellationToken = default) =>
        ExportAsync(path, "FORMAT parquet", cancellationToken);

    /// <summary>Writes the rows to a CSV file with a header row, streaming.</summary>
    /// <param name="path">The file to write; replaced if it exists.</param>
    /// <param name="cancellationToken">Stops the export.</param>
    public Task ExportCsvAsync(string path, CancellationToken cancellationToken = default) =>
        ExportAsync(path, "FORMAT csv, HEADER true", cancellationToken);

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _connection.Dispose();
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task ExportAsync(string path, string format, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (_onDemand is not null)
        {
            await ExportOnDemandAsync(path, format, cancellationToken).ConfigureAwait(false);
            return;
        }

        using DuckDBCommand command = _connection.CreateCommand();
        command.CommandText = $"COPY ({_sql}) TO {DuckDbSql.Literal(Path.GetFullPath(path))} ({format})";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// On-demand features are computed in .NET, so the rows stream through the transforms into a temporary table of a
    /// second connection to the same database (the first is busy streaming the join), which DuckDB spills past its memory
    /// limit, and the file is written from there.
    /// </summary>
    private async Task ExportOnDemandAsync(string path, string format, CancellationToken cancellationToken)
    {
        string table = "__ml_sdk_export_" + Guid.NewGuid().ToString("N");
        using var target = new DuckDBConnection(_connection.ConnectionString);
        await target.OpenAsync(cancellationToken).ConfigureAwait(false);
        using (DuckDBCommand setup = target.CreateCommand())
        {
            IEnumerable<string> columns = EntityColumns.Select(c => $"{DuckDbSql.Id(c.Name)} {DuckDbSql.TypeOf(c.Type)}")
                .Append($"{DuckDbSql.Id(PointInTimeQuery.ResultTimestampColumn)} TIMESTAMPTZ")
                .Concat(Features.Select(f => $"{DuckDbSql.Id(f.Field.Name)} {DuckDbSql.TypeOf(f.Field.Type)}"));
            setup.CommandText = $"SET TimeZone = 'UTC'; CREATE TEMP TABLE {DuckDbSql.Id(table)} ({string.Join(", ", columns)})";
            await setup.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        Field[] types = [.. EntityColumns, new Field(PointInTimeQuery.ResultTimestampColumn, FeatureValueType.String), .. Features.Select(f => f.Field)];
        int timestamp = EntityColumns.Count;
        using (DuckDBAppender appender = target.CreateAppender("temp", "main", table))
        {
            await foreach (object?[] row in ReadRowsAsync(cancellationToken).ConfigureAwait(false))
            {
                IDuckDBAppenderRow appended = appender.CreateRow();
                for (int i = 0; i < row.Length; i++)
                {
                    appended = i == timestamp
                        ? appended.AppendValue((DateTimeOffset?)row[i])
                        : DuckDbOfflineStore.Append(appended, types[i].Type, row[i]);
                }

                appended.EndRow();
            }
        }

        using DuckDBCommand copy = target.CreateCommand();
        copy.CommandText = $"COPY (SELECT * FROM {DuckDbSql.Id(table)}) TO {DuckDbSql.Literal(Path.GetFullPath(path))} ({format}); DROP TABLE {DuckDbSql.Id(table)}";
        await copy.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
