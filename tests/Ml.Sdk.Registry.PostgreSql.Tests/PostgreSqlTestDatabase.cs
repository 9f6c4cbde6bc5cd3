using Npgsql;

namespace Ml.Sdk.Registry.PostgreSql.Tests;

/// <summary>A fresh, empty database on the test server for one test's store, dropped afterwards.</summary>
public sealed class PostgreSqlTestDatabase : IDisposable
{
    private readonly string _name = "mlsdk_test_" + Guid.NewGuid().ToString("N");

    public PostgreSqlTestDatabase()
    {
        Execute($"CREATE DATABASE {_name};");
        ConnectionString = new NpgsqlConnectionStringBuilder(PostgreSqlServer.ConnectionString) { Database = _name }.ConnectionString;
    }

    /// <summary>Gets the connection string of this database.</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// Drops the database once the test's stores have closed their connections. Not <c>WITH (FORCE)</c>: that needs
    /// the right to terminate every backend in the database, autovacuum workers included, which this role lacks;
    /// a plain drop cancels autovacuum itself, and a backend still closing is waited for.
    /// </summary>
    public void Dispose()
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                Execute($"DROP DATABASE IF EXISTS {_name};");
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 50)
            {
                Thread.Sleep(100);
            }
        }
    }

    private static void Execute(string sql)
    {
        // The name is generated above, never user input; DDL takes no parameters.
        using var connection = new NpgsqlConnection(PostgreSqlServer.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
