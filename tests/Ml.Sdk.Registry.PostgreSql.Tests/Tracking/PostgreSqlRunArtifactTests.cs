using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Ml.Sdk.Registry.Tests;
using Ml.Sdk.Registry.Tests.Tracking;
using Ml.Sdk.Registry.Tracking;

namespace Ml.Sdk.Registry.PostgreSql.Tests.Tracking;

/// <summary>The run artifact contract on a real PostgreSQL server, each test on its own fresh database.</summary>
public sealed class PostgreSqlRunArtifactTests : RunArtifactContractTests
{
    private readonly TemporaryFolder _root = new();
    private readonly PostgreSqlTestDatabase _database = new();

    protected override string ArtifactsPath => Path.Combine(_root.Path, "artifacts");

    protected override IExperimentTracker CreateTracker(TimeProvider timeProvider) =>
        new PostgreSqlExperimentTracker(_root.Options(), PostgreSqlOptions(), timeProvider);

    protected override IModelRegistry CreateRegistry(TimeProvider timeProvider) =>
        new PostgreSqlModelRegistry(_root.Options(), PostgreSqlOptions(), timeProvider, NullLogger<PostgreSqlModelRegistry>.Instance);

    public override void Dispose()
    {
        base.Dispose();
        _database.Dispose();
        _root.Dispose();
    }

    private IOptions<PostgreSqlRegistryOptions> PostgreSqlOptions() =>
        Options.Create(new PostgreSqlRegistryOptions { ConnectionString = _database.ConnectionString });
}
