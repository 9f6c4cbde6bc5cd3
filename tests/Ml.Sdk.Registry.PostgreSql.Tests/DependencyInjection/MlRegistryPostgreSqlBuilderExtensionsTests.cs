using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Ml.Sdk.Registry.Tests;
using Ml.Sdk.Registry.Tracking;

namespace Ml.Sdk.Registry.PostgreSql.Tests.DependencyInjection;

public sealed class MlRegistryPostgreSqlBuilderExtensionsTests : IDisposable
{
    private readonly TemporaryFolder _root = new();
    private readonly PostgreSqlTestDatabase _database = new();

    public void Dispose()
    {
        _database.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task UsePostgreSql_AfterAddMlRegistry_ReplacesTheSqliteStores()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMlRegistry(o => o.RootPath = _root.Path).UsePostgreSql(_database.ConnectionString);

        await using ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        IExperimentTracker tracker = provider.GetRequiredService<IExperimentTracker>();
        RunInfo run = await tracker.StartRunAsync("di");
        IModelRegistry registry = provider.GetRequiredService<IModelRegistry>();
        ModelVersion version = await registry.RegisterVersionAsync(new NewModelVersion
        {
            Name = "di-model",
            Format = ModelFormat.Other,
            Artifacts = [ArtifactSource.FromBytes("weights.bin", new byte[] { 1, 2, 3 })],
            Lineage = new ModelLineage { RunId = run.RunId },
        });

        Assert.IsType<PostgreSqlModelRegistry>(registry);
        Assert.Same(registry, provider.GetRequiredService<PostgreSqlModelRegistry>());
        Assert.Null(provider.GetService<SqliteModelRegistry>());
        Assert.Single(services, d => d.ServiceType == typeof(IModelRegistry));
        Assert.IsType<PostgreSqlExperimentTracker>(tracker);
        Assert.Null(provider.GetService<SqliteExperimentTracker>());
        Assert.Single(services, d => d.ServiceType == typeof(IExperimentTracker));
        Assert.Equal(RunStatus.Running, (await tracker.GetRunAsync(run.RunId)).Info.Status);
        Assert.Equal(1, version.Version);
        Assert.False(File.Exists(Path.Combine(_root.Path, "registry.db")));
        Assert.Single(Directory.EnumerateFiles(Path.Combine(_root.Path, "artifacts"), "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("", "ConnectionString is required")]
    [InlineData("Host=127.0.0.1;NoSuchKeyword=1", "not a valid Npgsql connection string")]
    [InlineData("Database=ml", "names no Host")]
    public async Task UsePostgreSql_InvalidConnectionString_FailsAtHostStart(string connectionString, string expected)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddMlRegistry(o => o.RootPath = _root.Path).UsePostgreSql(connectionString);
        using IHost host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
