using Microsoft.Extensions.Logging.Abstractions;
using Ml.Sdk.Registry.Tracking;

namespace Ml.Sdk.Registry.Tests.Tracking;

/// <summary>The run artifact contract on the embedded SQLite store, each test in its own folder.</summary>
public sealed class SqliteRunArtifactTests : RunArtifactContractTests
{
    private readonly TemporaryFolder _root = new();

    protected override string ArtifactsPath => Path.Combine(_root.Path, "artifacts");

    protected override IExperimentTracker CreateTracker(TimeProvider timeProvider) => new SqliteExperimentTracker(_root.Options(), timeProvider);

    protected override IModelRegistry CreateRegistry(TimeProvider timeProvider) =>
        new SqliteModelRegistry(_root.Options(), timeProvider, NullLogger<SqliteModelRegistry>.Instance);

    public override void Dispose()
    {
        base.Dispose();
        _root.Dispose();
    }
}
