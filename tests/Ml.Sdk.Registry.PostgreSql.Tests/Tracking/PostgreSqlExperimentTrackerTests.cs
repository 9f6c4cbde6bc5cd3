using Microsoft.Extensions.Options;
using Ml.Sdk.Registry.Tests;
using Ml.Sdk.Registry.Tests.Tracking;
using Ml.Sdk.Registry.Tracking;

namespace Ml.Sdk.Registry.PostgreSql.Tests.Tracking;

/// <summary>The experiment tracker contract on a real PostgreSQL server, each test on its own fresh database.</summary>
public sealed class PostgreSqlExperimentTrackerTests : ExperimentTrackerContractTests
{
    private readonly TemporaryFolder _root = new();
    private readonly PostgreSqlTestDatabase _database = new();

    protected override IExperimentTracker CreateTracker(TimeProvider timeProvider) =>
        new PostgreSqlExperimentTracker(
            _root.Options(),
            Options.Create(new PostgreSqlRegistryOptions { ConnectionString = _database.ConnectionString }),
            timeProvider);

    public override void Dispose()
    {
        base.Dispose();
        _database.Dispose();
        _root.Dispose();
    }
}
