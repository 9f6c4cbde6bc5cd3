using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ml.Sdk.Registry.Tests.Artifacts;

public sealed class ArtifactIntegrityTests : IDisposable
{
    private readonly TemporaryFolder _root = new();
    private readonly SqliteModelRegistry _registry;
    private readonly byte[] _content = RandomNumberGenerator.GetBytes(10_000);

    public ArtifactIntegrityTests() =>
        _registry = new SqliteModelRegistry(Options.Create(new RegistryOptions { RootPath = _root.Path }), TimeProvider.System, NullLogger<SqliteModelRegistry>.Instance);

    public void Dispose()
    {
        _registry.Dispose();
        _root.Dispose();
    }

    private async Task<string> RegisterAsync()
    {
        await _registry.RegisterVersionAsync(new NewModelVersion
        {
            Name = "fraud",
            Format = ModelFormat.Onnx,
            Artifacts = [ArtifactSource.FromBytes("model.onnx", _content)],
        });
        return await _registry.GetVerifiedArtifactPathAsync("fraud", 1, "model.onnx");
    }

    private static void AssertNames(ArtifactIntegrityException ex, string expected, string actual)
    {
        Assert.Equal(("fraud", 1, "model.onnx"), (ex.ModelName, ex.Version, ex.FileName));
        Assert.Equal((expected, actual), (ex.ExpectedSha256, ex.ActualSha256));
        foreach (string part in new[] { "'fraud'", "version 1", "'model.onnx'", expected, actual })
        {
            Assert.Contains(part, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task OpenArtifactAsync_OneByteFlipped_ThrowsNamingBothHashes()
    {
        string path = await RegisterAsync();
        byte[] corrupted = (byte[])_content.Clone();
        corrupted[5_000] ^= 0x01;
        await File.WriteAllBytesAsync(path, corrupted);

        var open = await Assert.ThrowsAsync<ArtifactIntegrityException>(() => _registry.OpenArtifactAsync("fraud", 1, "model.onnx"));
        var locate = await Assert.ThrowsAsync<ArtifactIntegrityException>(() => _registry.GetVerifiedArtifactPathAsync("fraud", 1, "model.onnx"));

        string expected = Convert.ToHexStringLower(SHA256.HashData(_content));
        string actual = Convert.ToHexStringLower(SHA256.HashData(corrupted));
        AssertNames(open, expected, actual);
        AssertNames(locate, expected, actual);
    }

    [Fact]
    public async Task OpenArtifactAsync_BlobTruncated_ThrowsNamingBothHashes()
    {
        string path = await RegisterAsync();
        await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(4_096);
        }

        var ex = await Assert.ThrowsAsync<ArtifactIntegrityException>(() => _registry.OpenArtifactAsync("fraud", 1, "model.onnx"));

        AssertNames(ex, Convert.ToHexStringLower(SHA256.HashData(_content)), Convert.ToHexStringLower(SHA256.HashData(_content.AsSpan(0, 4_096))));
        Assert.Contains("4096 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenArtifactAsync_BlobMissing_ThrowsIntegrityException()
    {
        string path = await RegisterAsync();
        File.Delete(path);

        var ex = await Assert.ThrowsAsync<ArtifactIntegrityException>(() => _registry.OpenArtifactAsync("fraud", 1, "model.onnx"));

        AssertNames(ex, Convert.ToHexStringLower(SHA256.HashData(_content)), "missing");
    }

    [Fact]
    public async Task OpenArtifactAsync_IntactBlob_ReturnsStreamAtStartWithAllBytes()
    {
        await RegisterAsync();

        await using Stream stream = await _registry.OpenArtifactAsync("fraud", 1, "model.onnx");
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);

        Assert.Equal(_content, copy.ToArray());
        Assert.False(stream.CanWrite);
    }

    [Fact]
    public async Task RegisterVersionAsync_SameContentAsTruncatedBlob_RepairsTheBlob()
    {
        string path = await RegisterAsync();
        await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(100);
        }

        await _registry.RegisterVersionAsync(new NewModelVersion
        {
            Name = "fraud",
            Format = ModelFormat.Onnx,
            Artifacts = [ArtifactSource.FromBytes("model.onnx", _content)],
        });

        Assert.Equal(_content, await File.ReadAllBytesAsync(path));
        Assert.Equal(path, await _registry.GetVerifiedArtifactPathAsync("fraud", 1, "model.onnx"));
    }
}
