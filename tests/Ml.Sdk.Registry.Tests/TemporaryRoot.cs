namespace Ml.Sdk.Registry.Tests;

/// <summary>A fresh registry root folder per test, deleted afterwards.</summary>
internal sealed class TemporaryRoot : IDisposable
{
    public TemporaryRoot()
    {
        Path = Directory.CreateTempSubdirectory("ml-sdk-registry-").FullName;
    }

    public string Path { get; }

    public Microsoft.Extensions.Options.IOptions<RegistryOptions> Options(Action<RegistryOptions>? configure = null)
    {
        var options = new RegistryOptions { RootPath = Path };
        configure?.Invoke(options);
        return Microsoft.Extensions.Options.Options.Create(options);
    }

    public void Dispose()
    {
        // SQLite's pool keeps files open; clear it so the folder can go.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
