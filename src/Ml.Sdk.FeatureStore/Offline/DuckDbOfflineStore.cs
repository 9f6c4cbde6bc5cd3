using System.Globalization;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Definitions;
using Ml.Sdk.FeatureStore.Offline.Internal;
using Ml.Sdk.FeatureStore.Values;

namespace Ml.Sdk.FeatureStore.Offline;

/// <summary>
/// The embedded offline store: each ingested feature view version's history in a DuckDB table, file sources read in
/// place, and point-in-time correct historical retrieval with Feast's semantics (see <see cref="GetHistoricalFeaturesAsync(EntityRows, IReadOnlyList{ServiceFeature}, CancellationToken)"/>).
/// </summary>
/// <remarks>
/// Timestamps are stored and compared as UTC instants at microsecond precision (DuckDB's); an offset on input is
/// honoured, a CSV timestamp without one is read as UTC. Ingestion is serialized; retrievals run side by side.
/// </remarks>
public sealed partial class DuckDbOfflineStore : IAsyncDisposable, IDisposable
{
    private readonly string _connectionString;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private const string TiesTable = "__ml_sdk_view_ties";

    private readonly SemaphoreSlim _ingestGate = new(1, 1);

    // Kept open so that DuckDB keeps the database instance (and its settings) while the store lives.
    private readonly DuckDBConnection _anchor;
    private bool _disposed;

    /// <summary>Opens (or creates) the store.</summary>
    /// <param name="options">Where the database is and how much memory it may use.</param>
    /// <param name="timeProvider">The clock that stamps ingested rows without a created timestamp; the system clock by default.</param>
    /// <param name="logger">Where ingestion and retrieval are logged.</param>
    public DuckDbOfflineStore(DuckDbOfflineStoreOptions options, TimeProvider? timeProvider = null, ILogger<DuckDbOfflineStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DatabasePath, nameof(options.DatabasePath));
        string path = Path.GetFullPath(options.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _connectionString = $"DataSource={path}";
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _anchor = new DuckDBConnection(_connectionString);
        _anchor.Open();
        string temp = Path.GetFullPath(options.TempDirectory ?? path + ".tmp");
        Execute(_anchor, $"SET temp_directory = {DuckDbSql.Literal(temp)}");
        if (options.MemoryLimit is { } limit)
        {
            Execute(_anchor, $"SET memory_limit = {DuckDbSql.Literal(limit)}");
        }

        if (options.Threads is { } threads)
        {
            Execute(_anchor, $"SET threads = {threads.ToString(CultureInfo.InvariantCulture)}");
        }

        // A row per ingested view version that holds two rows with the same join keys and event timestamp: only those
        // need the tie-breaking pass before the join.
        Execute(_anchor, $"CREATE TABLE IF NOT EXISTS {TiesTable} (view VARCHAR, version INTEGER, PRIMARY KEY (view, version))");
    }

    /// <summary>
    /// Appends rows to a view version's history. The whole batch is validated first (join key and feature counts,
    /// types, no null join key); a bad batch is rejected whole and nothing is written.
    /// </summary>
    /// <param name="view">A registered view version whose source is <see cref="FeatureSourceKind.Ingested"/>.</param>
    /// <param name="rows">The rows.</param>
    /// <param name="cancellationToken">Stops before the write starts.</param>
    /// <returns>The number of rows written.</returns>
    /// <exception cref="ArgumentException">A row does not fit the view's schema (the message names the row and column).</exception>
    /// <exception cref="InvalidOperationException">The view's source is a file, which the store reads but never writes.</exception>
    public async Task<int> IngestAsync(RegisteredFeatureView view, IReadOnlyList<OfflineFeatureRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(rows);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (view.View.Source.Kind != FeatureSourceKind.Ingested)
        {
            throw new InvalidOperationException($"{view} reads the {view.View.Source.Kind} source '{view.View.Source.Path}'; only views with an ingested source take rows.");
        }

        OfflineRowRules.Check(view, rows);
        cancellationToken.ThrowIfCancellationRequested();
        DateTimeOffset now = _timeProvider.GetUtcNow();
        await _ingestGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = new DuckDBConnection(_connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            string table = DuckDbSql.TableOf(view.Name, view.Version);
            Execute(connection, CreateTableSql(view, table));
            using DuckDBTransaction transaction = connection.BeginTransaction();
            long first = NextSequence(connection, table);
            long sequence = first;
            using (DuckDBAppender appender = connection.CreateAppender(DuckDbSql.TableOf(view.Name, view.Version).Trim('"')))
            {
                foreach (OfflineFeatureRow row in rows)
                {
                    IDuckDBAppenderRow appended = appender.CreateRow();
                    for (int i = 0; i < row.JoinKeys.Count; i++)
                    {
                        appended = Append(appended, view.JoinKeys[i].Type, row.JoinKeys[i]);
                    }

                    appended = appended.AppendValue((DateTimeOffset?)row.EventTimestamp.ToUniversalTime())
                        .AppendValue((DateTimeOffset?)(row.CreatedTimestamp ?? now).ToUniversalTime())
                        .AppendValue((long?)sequence++);
                    for (int i = 0; i < row.Features.Count; i++)
                    {
                        appended = Append(appended, view.View.Features[i].Type, row.Features[i]);
                    }

                    appended.EndRow();
                }
            }

            RecordTies(connection, view, table, first);
            transaction.Commit();
        }
        finally
        {
            _ingestGate.Release();
        }

        LogIngested(_logger, rows.Count, view.Name, view.Version);
        return rows.Count;
    }

    /// <summary>
    /// Builds a point-in-time correct training set with Feast's semantics. For each entity row and each view read:
    /// candidate rows have equal join keys and <c>event_ts &lt;= entity_ts</c>, and with a TTL <c>event_ts &gt;= entity_ts - ttl</c>
    /// (both inclusive); the winner has the latest event timestamp, ties go to the latest created timestamp (a row
    /// without one loses to any row with one), and full ties to the row written last (ingestion order, or file order
    /// for file sources). Entity rows without a candidate keep nulls. Every entity row and column is kept, in input order.
    /// </summary>
    /// <param name="entityRows">The entity rows; their columns must include every join key of the views read, with the entity's types.</param>
    /// <param name="features">The features, from <see cref="FeatureCatalog.ResolveFeatures"/> or a service's <see cref="RegisteredFeatureService.Features"/>.</param>
    /// <param name="cancellationToken">Stops loading the entity rows.</param>
    /// <returns>The training set, read or exported lazily; dispose it.</returns>
    /// <remarks>
    /// On-demand features (outputs of on-demand feature views) are computed per row in .NET when the result is read or
    /// exported: the join also reads their source features, and their request fields come from the entity columns of
    /// the same name and type. Without on-demand features the retrieval is the join alone.
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// A join key is missing from the entity columns or has another type, a feature's name repeats an entity column, or
    /// an on-demand view's request field is not an entity column of its name and type.
    /// </exception>
    public Task<HistoricalFeatures> GetHistoricalFeaturesAsync(EntityRows entityRows, IReadOnlyList<ServiceFeature> features, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entityRows);
        ArgumentNullException.ThrowIfNull(features);
        CheckRequest(entityRows.Columns, features);
        return RetrieveAsync(
            connection =>
            {
                LoadEntityRows(connection, entityRows, cancellationToken);
                return (entityRows.Columns, entityRows.Count);
            },
            features,
            cancellationToken);
    }

    /// <summary>
    /// Builds a training set (with the semantics of the <see cref="EntityRows"/> overload) for the entity rows a SQL query
    /// returns, without loading them into .NET: the query runs in the store's DuckDB, so it can read the store's files
    /// (<c>read_parquet</c>, <c>read_csv</c>) at any size. The rows keep the query's output order.
    /// </summary>
    /// <param name="entityQuery">The query and the name of its timestamp column; its other columns must have types a feature can have.</param>
    /// <param name="features">The features.</param>
    /// <param name="cancellationToken">Stops running the query.</param>
    /// <returns>The training set, read or exported lazily; dispose it.</returns>
    /// <exception cref="ArgumentException">The query lacks the timestamp column or a join key, or returns a column of an unsupported type.</exception>
    public Task<HistoricalFeatures> GetHistoricalFeaturesAsync(EntityQuery entityQuery, IReadOnlyList<ServiceFeature> features, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entityQuery);
        return RetrieveAsync(
            connection =>
            {
                IReadOnlyList<Field> columns = LoadEntityQuery(connection, entityQuery);
                CheckRequest(columns, features);
                using DuckDBCommand count = connection.CreateCommand();
                count.CommandText = "SELECT count(*) FROM __entity";
                return (columns, Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture));
            },
            features,
            cancellationToken);
    }

    /// <summary>Builds a training set for a feature service's features (see the other overload).</summary>
    /// <param name="entityRows">The entity rows.</param>
    /// <param name="service">The service version.</param>
    /// <param name="cancellationToken">Stops loading the entity rows.</param>
    public Task<HistoricalFeatures> GetHistoricalFeaturesAsync(EntityRows entityRows, RegisteredFeatureService service, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        return GetHistoricalFeaturesAsync(entityRows, service.Features, cancellationToken);
    }

    /// <summary>Opens a connection to the store's database, in UTC; the caller disposes it.</summary>
    internal DuckDBConnection OpenConnection()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new DuckDBConnection(_connectionString);
        connection.Open();
        Execute(connection, "SET TimeZone = 'UTC'");
        return connection;
    }

    /// <summary>
    /// The latest row of each entity key among the view's rows with event timestamps in [start, end] (Feast's rule:
    /// latest event time, then latest created time, then last written), in ascending key order, optionally only the keys
    /// after <paramref name="after"/>; what materialization copies to the online store.
    /// </summary>
    internal async IAsyncEnumerable<Online.OnlineFeatureRow> ReadLatestAsync(
        RegisteredFeatureView view,
        DateTimeOffset start,
        DateTimeOffset end,
        IReadOnlyList<object>? after,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using DuckDBConnection connection = OpenConnection();
        if (view.View.Source.Kind == FeatureSourceKind.Ingested)
        {
            Execute(connection, CreateTableSql(view, DuckDbSql.TableOf(view.Name, view.Version)));
        }

        using DuckDBCommand command = connection.CreateCommand();
        command.CommandText = PointInTimeQuery.Latest(view, after is not null);
        command.Parameters.Add(new DuckDBParameter(start.ToUniversalTime()));
        command.Parameters.Add(new DuckDBParameter(end.ToUniversalTime()));
        foreach (object key in after ?? [])
        {
            command.Parameters.Add(new DuckDBParameter(key));
        }

        command.UseStreamingMode = true;
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        int keys = view.JoinKeys.Count;
        int features = view.View.Features.Count;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var joinKeys = new object?[keys];
            for (int i = 0; i < keys; i++)
            {
                joinKeys[i] = reader.GetValue(i);
            }

            var values = new object?[features];
            for (int i = 0; i < features; i++)
            {
                values[i] = reader.IsDBNull(keys + 1 + i) ? null : reader.GetValue(keys + 1 + i);
            }

            var timestamp = new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(keys), DateTimeKind.Utc));
            yield return new Online.OnlineFeatureRow(joinKeys, timestamp, values);
        }
    }

    private async Task<HistoricalFeatures> RetrieveAsync(
        Func<DuckDBConnection, (IReadOnlyList<Field> Columns, int Count)> loadEntities,
        IReadOnlyList<ServiceFeature> features,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(features);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new DuckDBConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            Execute(connection, "SET TimeZone = 'UTC'");

            // A view nothing was ingested into yet reads as empty.
            foreach (RegisteredFeatureView view in RegisteredFeatureService.StoredViewsOf(features).Where(v => v.View.Source.Kind == FeatureSourceKind.Ingested))
            {
                Execute(connection, CreateTableSql(view, DuckDbSql.TableOf(view.Name, view.Version)));
            }

            (IReadOnlyList<Field> columns, int count) = loadEntities(connection);
            HashSet<(string, int)> tied = ReadTies(connection);

            // Without on-demand features the SQL's rows are the result; with them, the SQL also reads their sources and
            // each row goes through the transforms in .NET.
            OnDemandRowPlan? onDemand = OnDemandRowPlan.Create(columns, features);
            string sql = PointInTimeQuery.Build(
                "__entity",
                columns,
                onDemand?.StoredFeatures ?? features,
                view => view.View.Source.Kind != FeatureSourceKind.Ingested || tied.Contains((view.Name, view.Version)));
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                int views = RegisteredFeatureService.StoredViewsOf(features).Count();
                LogRetrieval(_logger, count, features.Count, views);
            }

            return new HistoricalFeatures(connection, sql, columns, features, count, onDemand);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static void LoadEntityRows(DuckDBConnection connection, EntityRows entityRows, CancellationToken cancellationToken)
    {
        string columns = string.Join(", ", entityRows.Columns.Select(c => $"{DuckDbSql.Id(c.Name)} {DuckDbSql.TypeOf(c.Type)}"));
        Execute(connection, $"CREATE TEMP TABLE __entity ({PointInTimeQuery.RowColumn} BIGINT, {columns}, {PointInTimeQuery.EntityTimestampColumn} TIMESTAMPTZ)");
        using DuckDBAppender appender = connection.CreateAppender("temp", "main", "__entity");
        for (int row = 0; row < entityRows.Count; row++)
        {
            if ((row & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            IDuckDBAppenderRow appended = appender.CreateRow().AppendValue((long?)row);
            object?[] values = entityRows.ValuesAt(row);
            for (int i = 0; i < values.Length; i++)
            {
                appended = Append(appended, entityRows.Columns[i].Type, values[i]);
            }

            appended.AppendValue((DateTimeOffset?)entityRows.TimestampOf(row).ToUniversalTime()).EndRow();
        }
    }

    private static List<Field> LoadEntityQuery(DuckDBConnection connection, EntityQuery entityQuery)
    {
        string timestamp = DuckDbSql.Id(entityQuery.TimestampColumn);
        try
        {
            Execute(connection,
                $"CREATE TEMP TABLE __entity AS SELECT row_number() OVER () AS {PointInTimeQuery.RowColumn}, * EXCLUDE ({timestamp}), " +
                $"CAST({timestamp} AS TIMESTAMPTZ) AS {PointInTimeQuery.EntityTimestampColumn} FROM ({entityQuery.Sql})");
        }
        catch (DuckDBException error)
        {
            throw new ArgumentException($"The entity query failed: {error.Message}", nameof(entityQuery), error);
        }

        var columns = new List<Field>();
        using DuckDBCommand describe = connection.CreateCommand();
        describe.CommandText = "SELECT column_name, column_type FROM (DESCRIBE __entity)";
        using var reader = describe.ExecuteReader();
        while (reader.Read())
        {
            string name = reader.GetString(0);
            if (name is PointInTimeQuery.RowColumn or PointInTimeQuery.EntityTimestampColumn)
            {
                continue;
            }

            string type = reader.GetString(1);
            columns.Add(new Field(name, DuckDbSql.ValueTypeOf(type) ?? throw new ArgumentException(
                $"The entity query's column '{name}' has the type {type}, which no feature type maps to.", nameof(entityQuery))));
        }

        return columns;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _anchor.Dispose();
            _ingestGate.Dispose();
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static void CheckRequest(IReadOnlyList<Field> entityColumns, IReadOnlyList<ServiceFeature> features)
    {
        if (features.Count == 0)
        {
            throw new ArgumentException("Request at least one feature.", nameof(features));
        }

        foreach (RegisteredFeatureView view in RegisteredFeatureService.StoredViewsOf(features))
        {
            foreach (Field key in view.JoinKeys)
            {
                Field? column = entityColumns.FirstOrDefault(c => c.Name == key.Name);
                if (column is null || column.Type != key.Type)
                {
                    throw new ArgumentException(
                        column is null
                            ? $"{view} joins on '{key.Name}', which the entity rows do not have."
                            : $"{view} joins on '{key.Name}' as {key.Type}; the entity rows have it as {column.Type}.",
                        nameof(entityColumns));
                }
            }
        }

        foreach (RegisteredOnDemandFeatureView view in features.Where(f => f.IsOnDemand).Select(f => f.OnDemandView!).Distinct())
        {
            foreach (Field field in view.RequestFields)
            {
                Field? column = entityColumns.FirstOrDefault(c => c.Name == field.Name);
                if (column is null || column.Type != field.Type)
                {
                    throw new ArgumentException(
                        column is null
                            ? $"The on-demand feature view '{view.Name}' takes the request field '{field.Name}' ({field.Type}), which the entity rows do not have; add an entity column of that name and type."
                            : $"The on-demand feature view '{view.Name}' takes the request field '{field.Name}' as {field.Type}; the entity rows have it as {column.Type}.",
                        nameof(entityColumns));
                }
            }
        }

        var names = new HashSet<string>(StringComparer.Ordinal) { PointInTimeQuery.ResultTimestampColumn };
        foreach (Field column in entityColumns)
        {
            // The result's own columns (event_timestamp, and the store's internal __ names) are reserved.
            if (column.Name.StartsWith("__", StringComparison.Ordinal) || !names.Add(column.Name))
            {
                throw new ArgumentException($"The entity column name '{column.Name}' is reserved or repeated.", nameof(entityColumns));
            }
        }

        foreach (ServiceFeature feature in features)
        {
            if (!names.Add(feature.Field.Name))
            {
                throw new ArgumentException($"The feature '{feature.Reference}' has the name of another column of the result.", nameof(features));
            }
        }
    }

    private static string CreateTableSql(RegisteredFeatureView view, string table)
    {
        FeatureSource source = view.View.Source;
        IEnumerable<string> columns = view.JoinKeys.Select(k => $"{DuckDbSql.Id(k.Name)} {DuckDbSql.TypeOf(k.Type)} NOT NULL")
            .Append($"{DuckDbSql.Id(source.EventTimestampColumn)} TIMESTAMPTZ NOT NULL")
            .Append($"{DuckDbSql.Id(source.CreatedTimestampColumn ?? "__created")} TIMESTAMPTZ")
            .Append("__seq BIGINT NOT NULL")
            .Concat(view.View.Features.Select(f => $"{DuckDbSql.Id(f.Name)} {DuckDbSql.TypeOf(f.Type)}"));
        return $"CREATE TABLE IF NOT EXISTS {table} ({string.Join(", ", columns)})";
    }

    /// <summary>Marks the view version as tied if a row just written shares its join keys and event time with another.</summary>
    private static void RecordTies(DuckDBConnection connection, RegisteredFeatureView view, string table, long first)
    {
        string eventColumn = DuckDbSql.Id(view.View.Source.EventTimestampColumn);
        string sameKeys = string.Join(" AND ", view.JoinKeys.Select(k => $"n.{DuckDbSql.Id(k.Name)} = o.{DuckDbSql.Id(k.Name)}"));
        Execute(connection, $"INSERT OR IGNORE INTO {TiesTable} SELECT {DuckDbSql.Literal(view.Name)}, {view.Version.ToString(CultureInfo.InvariantCulture)} " +
            $"WHERE EXISTS (SELECT 1 FROM {table} n JOIN {table} o ON {sameKeys} AND n.{eventColumn} = o.{eventColumn} AND n.__seq <> o.__seq " +
            $"WHERE n.__seq >= {first.ToString(CultureInfo.InvariantCulture)})");
    }

    private static HashSet<(string, int)> ReadTies(DuckDBConnection connection)
    {
        var tied = new HashSet<(string, int)>();
        using DuckDBCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT view, version FROM {TiesTable}";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            tied.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        return tied;
    }

    private static long NextSequence(DuckDBConnection connection, string table)
    {
        using DuckDBCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT COALESCE(MAX(__seq), 0) + 1 FROM {table}";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    internal static IDuckDBAppenderRow Append(IDuckDBAppenderRow row, FeatureValueType type, object? value) => value is null
        ? row.AppendNullValue()
        : type switch
        {
            FeatureValueType.Int32 => row.AppendValue((int?)value),
            FeatureValueType.Int64 => row.AppendValue((long?)value),
            FeatureValueType.Float32 => row.AppendValue((float?)value),
            FeatureValueType.Float64 => row.AppendValue((double?)value),
            FeatureValueType.Bool => row.AppendValue((bool?)value),
            FeatureValueType.String => row.AppendValue((string?)value),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown feature value type."),
        };

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using DuckDBCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingested {Rows} rows into feature view {View} v{Version}")]
    private static partial void LogIngested(ILogger logger, int rows, string view, int version);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Historical retrieval of {Features} features from {Views} views for {Rows} entity rows")]
    private static partial void LogRetrieval(ILogger logger, int rows, int features, int views);
}
