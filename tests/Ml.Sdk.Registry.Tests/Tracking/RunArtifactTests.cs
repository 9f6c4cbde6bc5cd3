using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Ml.Sdk.Registry.Naming;
using Ml.Sdk.Registry.Tracking;

namespace Ml.Sdk.Registry.Tests.Tracking;

public sealed class RunArtifactTests : IDisposable
{
    private static readonly byte[] s_checkpoint = [.. Enumerable.Range(0, 10_000).Select(i => (byte)(i * 7))];

    private readonly TemporaryFolder _root = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly SqliteExperimentTracker _tracker;

    public RunArtifactTests()
    {
        _tracker = new SqliteExperimentTracker(_root.Options(), _time);
    }

    public void Dispose()
    {
        _tracker.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task LogArtifact_ThenListAndOpen_ReturnsTheSameBytes()
    {
        RunInfo run = await _tracker.StartRunAsync("fraud");

        RunArtifact logged = await _tracker.LogArtifactAsync(run.RunId, ArtifactSource.FromBytes("checkpoint.pt", s_checkpoint));

        Assert.Equal(s_checkpoint.Length, logged.Length);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(s_checkpoint)), logged.Sha256);
        Assert.Equal([logged], await _tracker.ListArtifactsAsync(run.RunId));
        Assert.Equal(s_checkpoint, await ReadAsync(run.RunId, "checkpoint.pt"));
    }

    [Fact]
    public async Task LogArtifact_SameNameSameContent_IsHarmless_OtherContent_IsRefused()
    {
        RunInfo run = await _tracker.StartRunAsync("fraud");
        RunArtifact first = await _tracker.LogArtifactAsync(run.RunId, ArtifactSource.FromBytes("checkpoint.pt", s_checkpoint));
        _time.Advance(TimeSpan.FromMinutes(1));

        RunArtifact again = await _tracker.LogArtifactAsync(run.RunId, ArtifactSource.FromBytes("checkpoint.pt", s_checkpoint));
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(
            () => _tracker.LogArtifactAsync(run.RunId, ArtifactSource.FromBytes("checkpoint.pt", new byte[] { 1, 2, 3 })));

        Assert.Equal(first, again);
        Assert.Contains("immutable", ex.Message, StringComparison.Ordinal);
        Assert.Equal(s_checkpoint, await ReadAsync(run.RunId, "checkpoint.pt"));
    }

    [Fact]
    public async Task OpenArtifact_FlippedByteOnDisk_ThrowsNamingRunFileAndBothHashes()
    {
        RunInfo run = await _tracker.StartRunAsync("fraud");
        RunArtifact logged = await _tracker.LogArtifactAsync(run.RunId, ArtifactSource.FromBytes("checkpoint.pt", s_checkpoint));
        string blob = Directory.EnumerateFiles(Path.Combine(_root.Path, "artifacts", "sha256"), logged.Sha256, SearchOption.AllDirectories).Single();
        byte[] bytes = await File.ReadAllBytesAsync(blob);
        bytes[1234] ^= 0x01;
        await File.WriteAllBytesAsync(blob, bytes);

        var ex = await Assert.ThrowsAsync<ArtifactIntegrityException>(() => _tracker.OpenArtifactAsync(run.RunId, "checkpoint.pt"));

        Assert.Equal(run.RunId, ex.RunId);
        Assert.Equal("checkpoint.pt", ex.FileName);
        Assert.Equal(logged.Sha256, ex.ExpectedSha256);
        Assert.NotEqual(logged.Sha256, ex.ActualSha256);
        Assert.Contains(logged.Sha256, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogArtifact_EndedRunOrBadName_RefusedAndNothingStored()
    {
        RunInfo run = await _tracker.StartRunAsync("fraud");
        await _tracker.EndRunAsync(run.RunId);

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => _tracker.LogArtifactAsync(run.RunId, ArtifactSource.FromBytes("checkpoint.pt", s_checkpoint)));
        RunInfo open = await _tracker.StartRunAsync("fraud");
        await Assert.ThrowsAsync<InvalidNameException>(
            () => _tracker.LogArtifactAsync(open.RunId, ArtifactSource.FromBytes("../escape.pt", s_checkpoint)));
        await Assert.ThrowsAsync<RunNotFoundException>(
            () => _tracker.LogArtifactAsync("nope", ArtifactSource.FromBytes("checkpoint.pt", s_checkpoint)));
        await Assert.ThrowsAsync<RunNotFoundException>(() => _tracker.OpenArtifactAsync(open.RunId, "checkpoint.pt"));

        Assert.Empty(await _tracker.ListArtifactsAsync(run.RunId));
        Assert.Empty(await _tracker.ListArtifactsAsync(open.RunId));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_root.Path, "artifacts"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task PurgeModelVersion_SharingContentWithARunArtifact_KeepsTheBlob()
    {
        using var registry = new SqliteModelRegistry(_root.Options(), _time, NullLogger<SqliteModelRegistry>.Instance);
        RunInfo run = await _tracker.StartRunAsync("fraud");
        await _tracker.LogArtifactAsync(run.RunId, ArtifactSource.FromBytes("model.onnx", s_checkpoint));
        ModelVersion version = await registry.RegisterVersionAsync(new NewModelVersion
        {
            Name = "fraud",
            Format = ModelFormat.Onnx,
            Artifacts = [ArtifactSource.FromBytes("model.onnx", s_checkpoint)],
        });

        await registry.DeleteVersionAsync("fraud", version.Version);
        await registry.PurgeAsync("fraud", version.Version);

        Assert.Equal(s_checkpoint, await ReadAsync(run.RunId, "model.onnx"));
    }

    private async Task<byte[]> ReadAsync(string runId, string fileName)
    {
        await using Stream stream = await _tracker.OpenArtifactAsync(runId, fileName);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
