using Microsoft.Extensions.Time.Testing;
using Ml.Sdk.Registry.Naming;
using Ml.Sdk.Registry.Tracking;

namespace Ml.Sdk.Registry.Tests.Tracking;

/// <summary>
/// Run artifacts, the behaviour every <see cref="IExperimentTracker"/> must have, and their interplay with the model
/// registry on the same store (a purge keeps blobs that run artifacts use).
/// </summary>
public abstract class RunArtifactContractTests : IDisposable
{
    private static readonly byte[] s_checkpoint = [.. Enumerable.Range(0, 10_000).Select(i => (byte)(i * 7))];

    private readonly List<IDisposable> _disposables = [];
    private IExperimentTracker? _tracker;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Gets the folder that holds the store's content-addressed blobs.</summary>
    protected abstract string ArtifactsPath { get; }

    private IExperimentTracker Tracker => _tracker ??= Own(CreateTracker(Time));

    public virtual void Dispose()
    {
        foreach (IDisposable disposable in _disposables)
        {
            disposable.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Creates a tracker on this test's store.</summary>
    protected abstract IExperimentTracker CreateTracker(TimeProvider timeProvider);

    /// <summary>Creates a model registry on this test's store.</summary>
    protected abstract IModelRegistry CreateRegistry(TimeProvider timeProvider);

    [Fact]
    public async Task LogArtifact_ThenListAndOpen_ReturnsTheSameBytes()
    {
        RunInfo run = await Tracker.StartRunAsync("fraud");

        RunArtifact logged = await Tracker.LogArtifactAsync(run.RunId, ArtifactSource.FromBytes("checkpoint.pt", s_checkpoint));

        Assert.Equal(s_checkpoint.Length, logged.Length);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(s_checkpoint)), logged.Sha256);
        Assert.Equal([logged], await Tracker.ListArtifactsAsync(run.RunId));
        Assert.Equal(s_checkpoint, await ReadAsync(run.RunId, "checkpoint.pt"));
    }

    [Fact]
    public async Task LogArtifact_SameNameSameContent_IsHarmless_OtherContent_IsRefused()
    {
        RunInfo run = await Tracker.StartRunAsync("fraud");
        RunArtifact first = await Tracker.LogArtifactAsync(run.RunId, ArtifactSource.FromBytes("checkpoint.pt", s_checkpoint));
        Time.Advance(TimeSpan.FromMinutes(1));

        RunArtifact again = await Tracker.LogArtifactAsync(run.RunId, ArtifactSource.FromBytes("checkpoint.pt", s_checkpoint));
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Tracker.LogArtifactAsync(run.RunId, ArtifactSource.FromBytes("checkpoint.pt", new byte[] { 1, 2, 3 })));

        Assert.Equal(first, again);
        Assert.Contains("immutable", ex.Message, StringComparison.Ordinal);
        Assert.Equal(s_checkpoint, await ReadAsync(run.RunId, "checkpoint.pt"));
    }

    [Fact]
    public async Task OpenArtifact_FlippedByteOnDisk_ThrowsNamingRunFileAndBothHashes()
    {
        RunInfo run = await Tracker.StartRunAsync("fraud");
        RunArtifact logged = await Tracker.LogArtifactAsync(run.RunId, ArtifactSource.FromBytes("checkpoint.pt", s_checkpoint));
        string blob = Directory.EnumerateFiles(Path.Combine(ArtifactsPath, "sha256"), logged.Sha256, SearchOption.AllDirectories).Single();
        byte[] bytes = await File.ReadAllBytesAsync(blob);
        bytes[1234] ^= 0x01;
        await File.WriteAllBytesAsync(blob, bytes);

        var ex = await Assert.ThrowsAsync<ArtifactIntegrityException>(() => Tracker.OpenArtifactAsync(run.RunId, "checkpoint.pt"));

        Assert.Equal(run.RunId, ex.RunId);
        Assert.Equal("checkpoint.pt", ex.FileName);
        Assert.Equal(logged.Sha256, ex.ExpectedSha256);
        Assert.NotEqual(logged.Sha256, ex.ActualSha256);
        Assert.Contains(logged.Sha256, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogArtifact_EndedRunOrBadName_RefusedAndNothingStored()
    {
        RunInfo run = await Tracker.StartRunAsync("fraud");
        await Tracker.EndRunAsync(run.RunId);

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => Tracker.LogArtifactAsync(run.RunId, ArtifactSource.FromBytes("checkpoint.pt", s_checkpoint)));
        RunInfo open = await Tracker.StartRunAsync("fraud");
        await Assert.ThrowsAsync<InvalidNameException>(
            () => Tracker.LogArtifactAsync(open.RunId, ArtifactSource.FromBytes("../escape.pt", s_checkpoint)));
        await Assert.ThrowsAsync<RunNotFoundException>(
            () => Tracker.LogArtifactAsync("nope", ArtifactSource.FromBytes("checkpoint.pt", s_checkpoint)));
        await Assert.ThrowsAsync<RunNotFoundException>(() => Tracker.OpenArtifactAsync(open.RunId, "checkpoint.pt"));

        Assert.Empty(await Tracker.ListArtifactsAsync(run.RunId));
        Assert.Empty(await Tracker.ListArtifactsAsync(open.RunId));
        Assert.Empty(Directory.EnumerateFiles(ArtifactsPath, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task PurgeModelVersion_SharingContentWithARunArtifact_KeepsTheBlob()
    {
        IModelRegistry registry = Own(CreateRegistry(Time));
        RunInfo run = await Tracker.StartRunAsync("fraud");
        await Tracker.LogArtifactAsync(run.RunId, ArtifactSource.FromBytes("model.onnx", s_checkpoint));
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

    private T Own<T>(T store)
    {
        if (store is IDisposable disposable)
        {
            _disposables.Add(disposable);
        }

        return store;
    }

    private async Task<byte[]> ReadAsync(string runId, string fileName)
    {
        await using Stream stream = await Tracker.OpenArtifactAsync(runId, fileName);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
