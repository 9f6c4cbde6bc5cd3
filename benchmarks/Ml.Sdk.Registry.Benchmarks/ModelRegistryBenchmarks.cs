using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Ml.Sdk.Registry;

namespace Ml.Sdk.Registry.Benchmarks;

/// <summary>
/// The registry's three hot operations on a 1 MiB artifact (a small ONNX model's size), each next to the plain
/// operation it wraps: registering (temp file, hash, fsync, rename, one transaction) against writing and fsyncing
/// the file plus one plain INSERT; resolving <c>fraud@champion</c> against one plain SELECT by key; loading with
/// SHA-256 verification against reading the same file without it.
/// </summary>
[MemoryDiagnoser]
public class ModelRegistryBenchmarks
{
    private const int ArtifactBytes = 1 << 20;

    private string _root = string.Empty;
    private SqliteModelRegistry _registry = null!;
    private byte[] _artifact = [];
    private byte[] _readBuffer = [];
    private string _blobPath = string.Empty;
    private int _champion;
    private SqliteConnection _plain = null!;
    private int _counter;

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("ml-sdk-bench-").FullName;
        _registry = new SqliteModelRegistry(
            Options.Create(new RegistryOptions { RootPath = Path.Combine(_root, "registry") }), TimeProvider.System, NullLogger<SqliteModelRegistry>.Instance);
        _artifact = RandomNumberGenerator.GetBytes(ArtifactBytes);
        _readBuffer = new byte[ArtifactBytes];
        _champion = _registry.RegisterVersionAsync(NewVersion()).GetAwaiter().GetResult().Version;
        _registry.SetAliasAsync("fraud", "champion", _champion).GetAwaiter().GetResult();
        _blobPath = _registry.GetVerifiedArtifactPathAsync("fraud", _champion, "model.onnx").GetAwaiter().GetResult();

        _plain = new SqliteConnection($"Data Source={Path.Combine(_root, "plain.db")}");
        _plain.Open();
        using SqliteCommand create = _plain.CreateCommand();
        create.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; " +
            "CREATE TABLE versions (name TEXT NOT NULL, version INTEGER NOT NULL, sha256 TEXT NOT NULL, PRIMARY KEY (name, version)); " +
            "INSERT INTO versions VALUES ('fraud', 1, 'x');";
        create.ExecuteNonQuery();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _registry.Dispose();
        _plain.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    [Benchmark]
    public async Task<int> Register()
    {
        // New content every time: identical bytes would be de-duplicated and never written.
        BitConverter.TryWriteBytes(_artifact, ++_counter);
        return (await _registry.RegisterVersionAsync(NewVersion())).Version;
    }

    [Benchmark]
    public void PlainWriteFsyncAndInsert()
    {
        string path = Path.Combine(_root, $"plain-{_counter++}.bin");
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            file.Write(_artifact);
            file.Flush(flushToDisk: true);
        }

        using SqliteCommand insert = _plain.CreateCommand();
        insert.CommandText = "INSERT INTO versions VALUES ('fraud', $version, $sha)";
        insert.Parameters.AddWithValue("$version", _counter + 1);
        insert.Parameters.AddWithValue("$sha", path);
        insert.ExecuteNonQuery();
    }

    [Benchmark]
    public async Task<int> ResolveByAlias() => (await _registry.ResolveAsync("fraud@champion")).Version;

    [Benchmark]
    public object? PlainSelectByKey()
    {
        using SqliteCommand select = _plain.CreateCommand();
        select.CommandText = "SELECT sha256 FROM versions WHERE name = 'fraud' AND version = 1";
        return select.ExecuteScalar();
    }

    [Benchmark]
    public async Task<int> LoadWithVerify()
    {
        await using Stream stream = await _registry.OpenArtifactAsync("fraud", _champion, "model.onnx");
        return await ReadAllAsync(stream);
    }

    [Benchmark]
    public async Task<int> PlainReadWithoutVerify()
    {
        await using var stream = new FileStream(_blobPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return await ReadAllAsync(stream);
    }

    private async Task<int> ReadAllAsync(Stream stream)
    {
        int total = 0;
        int read;
        while ((read = await stream.ReadAsync(_readBuffer.AsMemory(total))) > 0)
        {
            total += read;
        }

        return total;
    }

    private NewModelVersion NewVersion() => new()
    {
        Name = "fraud",
        Format = ModelFormat.Onnx,
        Artifacts = [ArtifactSource.FromBytes("model.onnx", _artifact)],
    };
}
