using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Ml.Sdk.Registry.Tests;
using Ml.Sdk.Registry.Tests.Models;

namespace Ml.Sdk.Registry.PostgreSql.Tests.Models;

/// <summary>The model registry contract on a real PostgreSQL server, each test on its own fresh database.</summary>
public sealed class PostgreSqlModelRegistryTests : ModelRegistryContractTests
{
    private readonly TemporaryFolder _root = new();
    private readonly PostgreSqlTestDatabase _database = new();

    protected override IModelRegistry CreateRegistry(TimeProvider timeProvider, TimeSpan changePollInterval, long maxArtifactBytes) =>
        CreatePostgreSqlRegistry(timeProvider, changePollInterval, maxArtifactBytes);

    protected override IReadOnlyList<string> StoredArtifactFiles()
    {
        string artifacts = Path.Combine(_root.Path, "artifacts");
        return Directory.Exists(artifacts)
            ? [.. Directory.EnumerateFiles(artifacts, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(artifacts, f))]
            : [];
    }

    public override void Dispose()
    {
        base.Dispose();
        _database.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task RegisterVersionAsync_EightConcurrentWriters_NumbersVersionsOneToNWithoutGaps()
    {
        const int Writers = 8;
        const int PerWriter = 10;
        // One registry (and connection pool) per writer, as if each ran on its own machine.
        PostgreSqlModelRegistry[] registries = [.. Enumerable.Range(0, Writers).Select(_ => CreatePostgreSqlRegistry(TimeProvider.System, ChangePollInterval, 1L << 30))];
        try
        {
            int[][] numbers = await Task.WhenAll(registries.Select((registry, writer) => Task.Run(async () =>
            {
                var mine = new List<int>();
                for (int i = 0; i < PerWriter; i++)
                {
                    ModelVersion version = await registry.RegisterVersionAsync(new NewModelVersion
                    {
                        Name = "fraud",
                        Format = ModelFormat.Onnx,
                        Artifacts = [ArtifactSource.FromBytes("model.onnx", Encoding.UTF8.GetBytes($"writer {writer} version {i}"))],
                    });
                    mine.Add(version.Version);
                }

                return mine.ToArray();
            })));

            Assert.Equal(Enumerable.Range(1, Writers * PerWriter), numbers.SelectMany(n => n).Order());
            RegisteredModel? model = await registries[0].GetModelAsync("fraud");
            Assert.Equal(Writers * PerWriter, model?.LatestVersion);
            RegistryPage<ModelVersion> page = await registries[0].SearchVersionsAsync(new VersionQuery { Name = "fraud", PageSize = ModelQuery.MaxPageSize });
            Assert.Equal(Enumerable.Range(1, Writers * PerWriter), page.Items.Select(v => v.Version).Order());
        }
        finally
        {
            foreach (PostgreSqlModelRegistry registry in registries)
            {
                registry.Dispose();
            }
        }
    }

    [Fact]
    public async Task RegisterVersionAsync_NewDatabase_CreatesSchemaOnFirstUseFromSeveralInstancesAtOnce()
    {
        PostgreSqlModelRegistry[] registries = [.. Enumerable.Range(0, 4).Select(_ => CreatePostgreSqlRegistry(TimeProvider.System, ChangePollInterval, 1L << 30))];
        try
        {
            RegisteredModel?[] models = await Task.WhenAll(registries.Select(r => r.GetModelAsync("fraud")));

            Assert.All(models, Assert.Null);
        }
        finally
        {
            foreach (PostgreSqlModelRegistry registry in registries)
            {
                registry.Dispose();
            }
        }
    }

    private PostgreSqlModelRegistry CreatePostgreSqlRegistry(TimeProvider timeProvider, TimeSpan changePollInterval, long maxArtifactBytes) =>
        new(
            Options.Create(new RegistryOptions { RootPath = _root.Path, ChangePollInterval = changePollInterval, MaxArtifactBytes = maxArtifactBytes }),
            Options.Create(new PostgreSqlRegistryOptions { ConnectionString = _database.ConnectionString }),
            timeProvider,
            NullLogger<PostgreSqlModelRegistry>.Instance);
}
