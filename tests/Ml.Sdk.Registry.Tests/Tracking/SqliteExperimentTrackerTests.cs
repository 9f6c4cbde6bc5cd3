using Ml.Sdk.Registry.Tracking;

namespace Ml.Sdk.Registry.Tests.Tracking;

/// <summary>The experiment tracker contract on the embedded SQLite store, each test in its own folder.</summary>
public sealed class SqliteExperimentTrackerTests : ExperimentTrackerContractTests
{
    private readonly TemporaryFolder _root = new();

    protected override IExperimentTracker CreateTracker(TimeProvider timeProvider) => new SqliteExperimentTracker(_root.Options(), timeProvider);

    public override void Dispose()
    {
        base.Dispose();
        _root.Dispose();
    }
}
