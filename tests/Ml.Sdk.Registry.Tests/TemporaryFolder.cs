using Microsoft.Data.Sqlite;

namespace Ml.Sdk.Registry.Tests;

/// <summary>A fresh folder under the temp path for one test's registry root, deleted afterwards.</summary>
public sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ml-sdk-registry-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Registry options rooted in this folder.</summary>
    public Microsoft.Extensions.Options.IOptions<RegistryOptions> Options(Action<RegistryOptions>? configure = null)
    {
        var options = new RegistryOptions { RootPath = Path };
        configure?.Invoke(options);
        return Microsoft.Extensions.Options.Options.Create(options);
    }

    public void Dispose()
    {
        // Pooled connections keep the database open; release them so the folder can go (Windows needs this).
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
