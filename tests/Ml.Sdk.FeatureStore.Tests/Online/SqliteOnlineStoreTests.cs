using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Ml.Sdk.FeatureStore.Online;
using static Ml.Sdk.FeatureStore.Tests.Online.OnlineTestCatalog;

namespace Ml.Sdk.FeatureStore.Tests.Online;

/// <summary>The shared contract against a SQLite file in a temporary folder, and what only the file store promises.</summary>
public sealed class SqliteOnlineStoreTests : OnlineStoreContractTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ml-sdk-online-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_folder, "nested", "online.db");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    protected override async ValueTask<IOnlineStore> CreateStoreAsync() => await SqliteOnlineStore.OpenAsync(DatabasePath);

    [Fact]
    public async Task OpenAsync_ExistingFile_KeepsRowsAcrossReopening()
    {
        await Store.WriteAsync(Views.AllTypes, [new OnlineFeatureRow(Customer(1), T0, 1, 2L, float.NaN, -0.0d, true, "zwölf")]);
        await Store.DisposeAsync();

        await using SqliteOnlineStore reopened = await SqliteOnlineStore.OpenAsync(DatabasePath);
        OnlineReadResult read = await reopened.ReadAsync(Views.AllTypes, [Customer(1)], T0);
        OnlineWriteResult stale = await reopened.WriteAsync(Views.AllTypes, [new OnlineFeatureRow(Customer(1), T0.AddTicks(-1), 9, 9L, 9f, 9d, false, "x")]);

        Assert.Equal(new OnlineWriteResult(0, 1), stale);
        Assert.Equal(1, read.GetValue(0, 0));
        Assert.True(float.IsNaN((float)read.GetValue(0, 2)!));
        Assert.True(double.IsNegative((double)read.GetValue(0, 3)!));
        Assert.Equal("zwölf", read.GetValue(0, 5));
        Assert.Equal(T0, read.GetEventTimestamp(0));
    }

    [Fact]
    public async Task OpenAsync_MissingFolder_CreatesAWalFileWithTheOnlineFeaturesTable()
    {
        await Store.WriteAsync(Views.NoTtl, [Score(1, T0, 0.5)]);

        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        string? journalMode = await ScalarAsync<string>(connection, "PRAGMA journal_mode;");
        string? table = await ScalarAsync<string>(connection, "SELECT sql FROM sqlite_master WHERE name = 'online_features';");
        string? primaryKey = await ScalarAsync<string>(connection, "SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_table_info('online_features') WHERE pk > 0 ORDER BY pk);");

        Assert.Equal("wal", journalMode);
        Assert.Contains("WITHOUT ROWID", table, StringComparison.Ordinal);
        Assert.Equal("view,entity_key", primaryKey);
    }

    [Fact]
    public async Task WriteAsync_StoresUtcTicksAndTheProvidersWriteTime()
    {
        var clock = new FakeTimeProvider(T0.AddDays(3));
        await Store.DisposeAsync();
        await using SqliteOnlineStore store = await SqliteOnlineStore.OpenAsync(DatabasePath, clock);

        await store.WriteAsync(Views.NoTtl, [Score(1, new DateTimeOffset(2026, 3, 1, 14, 0, 0, TimeSpan.FromHours(2)), 0.5)]);

        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        Assert.Equal(T0.UtcTicks, await ScalarAsync<long>(connection, "SELECT event_ts FROM online_features;"));
        Assert.Equal(T0.AddDays(3).UtcTicks, await ScalarAsync<long>(connection, "SELECT written_ts FROM online_features;"));
        Assert.Equal("no_ttl", await ScalarAsync<string>(connection, "SELECT view FROM online_features;"));
    }

    [Fact]
    public async Task TwoStoresOnOneFile_SeeEachOthersRowsAndApplyTheConflictRule()
    {
        await using SqliteOnlineStore other = await SqliteOnlineStore.OpenAsync(DatabasePath);

        await Store.WriteAsync(Views.NoTtl, [Score(1, T0, 0.5)]);
        OnlineWriteResult stale = await other.WriteAsync(Views.NoTtl, [Score(1, T0.AddTicks(-1), 1.5)]);
        OnlineWriteResult newer = await other.WriteAsync(Views.NoTtl, [Score(2, T0, 2.5)]);

        OnlineReadResult read = await Store.ReadAsync(Views.NoTtl, [Customer(1), Customer(2)], T0);
        Assert.Equal(new OnlineWriteResult(0, 1), stale);
        Assert.Equal(new OnlineWriteResult(1, 0), newer);
        Assert.Equal(0.5, read.GetValue(0, 0));
        Assert.Equal(2.5, read.GetValue(1, 0));
    }

    [Fact]
    public async Task DisposeAsync_ReleasesTheFile()
    {
        await Store.WriteAsync(Views.NoTtl, [Score(1, T0, 0.5)]);

        await Store.DisposeAsync();
        File.Delete(DatabasePath);

        Assert.False(File.Exists(DatabasePath));
    }

    private static async Task<T?> ScalarAsync<T>(SqliteConnection connection, string sql)
    {
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        object? value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }
}
