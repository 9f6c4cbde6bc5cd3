using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Ml.Sdk.Registry;
using Ml.Sdk.Registry.Tracking;

namespace Ml.Sdk.Training.Tests.Search;

/// <summary>A real SQLite experiment tracker in a fresh temp folder, deleted afterwards.</summary>
internal sealed class TemporaryTracker : IDisposable
{
    private readonly string _root;
    private readonly SqliteExperimentTracker _tracker;

    public TemporaryTracker()
    {
        _root = Path.Combine(Path.GetTempPath(), "ml-sdk-search-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
        _tracker = new SqliteExperimentTracker(
            Microsoft.Extensions.Options.Options.Create(new RegistryOptions { RootPath = _root }),
            new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    public IExperimentTracker Tracker => _tracker;

    public void Dispose()
    {
        _tracker.Dispose();

        // Pooled connections keep the database open; release them so the folder can go.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
