using Microsoft.Extensions.DependencyInjection;
using Ml.Sdk.Core.Devices;
using Ml.Sdk.Serving.Tests.TestSupport;

namespace Ml.Sdk.Serving.Tests.Hosting;

public sealed class FileVersionsTests
{
    [Fact]
    public async Task InferAsync_SeveralFileVersions_HighestAnswersByDefault()
    {
        await using var fixture = new ServingFixture();
        string v1 = VersionsModels.WriteVersion(fixture.Root, "m", 1);
        string v2 = VersionsModels.WriteVersion(fixture.Root, "m", 2);
        string v3 = VersionsModels.WriteVersion(fixture.Root, "m", 3);
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("m", m => m.FromFile(v2, 2).FromFile(v1, 1).FromFile(v3, 3)));
        IModelClient client = provider.GetRequiredKeyedService<IModelClient>("m");

        Assert.Equal((3, 3f), await VersionsModels.InferAsync(client));
        Assert.Equal((3, 3f), await VersionsModels.InferGeneralAsync(client));
        ServedModelStatus status = provider.GetRequiredService<IModelServer>().GetStatus("m");
        Assert.Equal(3, status.DefaultVersion);
        Assert.Equal([1, 2, 3], VersionsStatus.Ready(status));
        Assert.Equal([3], status.Versions.Where(static v => v.IsDefault).Select(static v => v.Version));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task InferAsync_ExplicitVersion_ThatVersionAnswersOnBothPaths(int version)
    {
        await using var fixture = new ServingFixture();
        string v1 = VersionsModels.WriteVersion(fixture.Root, "m", 1);
        string v2 = VersionsModels.WriteVersion(fixture.Root, "m", 2);
        string v3 = VersionsModels.WriteVersion(fixture.Root, "m", 3);
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("m", m => m.FromFile(v1, 1).FromFile(v2, 2).FromFile(v3, 3)));
        IModelClient client = provider.GetRequiredKeyedService<IModelClient>("m");
        var options = new InferenceOptions { Version = version };

        Assert.Equal((version, (float)version), await VersionsModels.InferAsync(client, options));
        Assert.Equal((version, (float)version), await VersionsModels.InferGeneralAsync(client, options));
    }

    [Fact]
    public async Task InferAsync_ExplicitVersionNotLoaded_ThrowsModelNotServedNamingTheLoadedVersions()
    {
        await using var fixture = new ServingFixture();
        string v1 = VersionsModels.WriteVersion(fixture.Root, "m", 1);
        string v2 = VersionsModels.WriteVersion(fixture.Root, "m", 2);
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("m", m => m.FromFile(v1, 1).FromFile(v2, 2)));
        IModelClient client = provider.GetRequiredKeyedService<IModelClient>("m");
        await VersionsModels.InferAsync(client);

        var ex = await Assert.ThrowsAsync<ModelNotServedException>(() => VersionsModels.InferAsync(client, new InferenceOptions { Version = 5 }));

        Assert.Equal(("m", (int?)5), (ex.ModelName, ex.Version));
        Assert.Contains("loaded: 1, 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InferAsync_ConcurrentCallersOnEveryVersion_VersionAlwaysMatchesTheOutput()
    {
        await using var fixture = new ServingFixture();
        string v1 = VersionsModels.WriteVersion(fixture.Root, "m", 1);
        string v2 = VersionsModels.WriteVersion(fixture.Root, "m", 2);
        string v3 = VersionsModels.WriteVersion(fixture.Root, "m", 3);
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("m", m => m.FromFile(v1, 1).FromFile(v2, 2).FromFile(v3, 3)));
        IModelClient client = provider.GetRequiredKeyedService<IModelClient>("m");

        // 24 callers, a third each pinned to one version, the rest routed: the batches of different versions interleave.
        (int Asked, int Version, float Factor)[][] answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(caller => Task.Run(async () =>
        {
            int? asked = caller % 4 == 3 ? null : (caller % 4) + 1;
            var options = new InferenceOptions { Version = asked };
            var results = new List<(int, int, float)>();
            for (int i = 0; i < 50; i++)
            {
                (int version, float factor) = i % 2 == 0
                    ? await VersionsModels.InferAsync(client, options)
                    : await VersionsModels.InferGeneralAsync(client, options);
                results.Add((asked ?? 3, version, factor));
            }

            return results.ToArray();
        })));

        (int Asked, int Version, float Factor)[] all = [.. answers.SelectMany(static a => a)];
        Assert.Equal(24 * 50, all.Length);
        Assert.All(all, a => Assert.Equal((a.Asked, (float)a.Asked), (a.Version, a.Factor)));
    }

    [Fact]
    public async Task GetClient_SeveralModels_EachAnswersFromItsOwnFiles()
    {
        await using var fixture = new ServingFixture();
        string a1 = VersionsModels.WriteVersion(fixture.Root, "a", 1);
        string a2 = VersionsModels.WriteVersion(fixture.Root, "a", 2);
        string b7 = VersionsModels.WriteVersion(fixture.Root, "b", 7);
        ServiceProvider provider = fixture.Build(null, b => b
            .AddModel("a", m => m.FromFile(a1, 1).FromFile(a2, 2))
            .AddModel("b", m => m.FromFile(b7, 7)));
        IModelServer server = provider.GetRequiredService<IModelServer>();
        await server.WaitUntilReadyAsync();

        Assert.Equal(["a", "b"], server.ModelNames);
        Assert.Equal((2, 2f), await VersionsModels.InferAsync(server.GetClient("a")));
        Assert.Equal((1, 1f), await VersionsModels.InferAsync(server.GetClient("a"), new InferenceOptions { Version = 1 }));
        Assert.Equal((7, 7f), await VersionsModels.InferAsync(server.GetClient("b")));
        Assert.Equal("b", server.GetClient("b").ModelName);
        await Assert.ThrowsAsync<ModelNotServedException>(() => VersionsModels.InferAsync(server.GetClient("b"), new InferenceOptions { Version = 2 }));
        IReadOnlyList<ServedModelStatus> statuses = server.GetStatuses();
        Assert.Equal([("a", 2), ("b", 7)], statuses.Select(static s => (s.Name, s.DefaultVersion ?? 0)));
        Assert.All(statuses.SelectMany(static s => s.Versions), v => Assert.Equal(ComputeDevice.Cpu, v.Device));
    }

    [Fact]
    public async Task GetSignatureAsync_ExplicitVersion_ReadsThatVersionsSignature()
    {
        await using var fixture = new ServingFixture();
        string v1 = VersionsModels.WriteVersion(fixture.Root, "m", 1);
        string wide = Path.Combine(fixture.Root, "wide.onnx");
        TestModels.OnnxTestModels.WriteScale(wide, 9, 2);
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("m", m => m.FromFile(v1, 1).FromFile(wide, 2)));
        IModelClient client = provider.GetRequiredKeyedService<IModelClient>("m");

        Assert.Equal(9, (await client.GetSignatureAsync()).Inputs[0].Shape[1]);
        Assert.Equal(VersionsModels.Width, (await client.GetSignatureAsync(1)).Inputs[0].Shape[1]);
        await Assert.ThrowsAsync<ModelNotServedException>(async () => await client.GetSignatureAsync(3));
    }
}
