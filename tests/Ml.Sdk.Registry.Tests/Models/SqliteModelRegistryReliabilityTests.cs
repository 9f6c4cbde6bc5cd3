using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ml.Sdk.Registry.Tests.Models;

public sealed class SqliteModelRegistryReliabilityTests : IDisposable
{
    private readonly TemporaryFolder _root = new();

    public void Dispose() => _root.Dispose();

    private SqliteModelRegistry CreateRegistry() =>
        new(Options.Create(new RegistryOptions { RootPath = _root.Path }), TimeProvider.System, NullLogger<SqliteModelRegistry>.Instance);

    private static NewModelVersion Version(string content) => new()
    {
        Name = "fraud",
        Format = ModelFormat.Onnx,
        Artifacts = [ArtifactSource.FromBytes("model.onnx", Encoding.UTF8.GetBytes(content))],
    };

    private async Task AssertVersionsAreExactlyOneTo(int count)
    {
        using SqliteModelRegistry registry = CreateRegistry();
        RegistryPage<ModelVersion> versions = await registry.SearchVersionsAsync(new VersionQuery { Name = "fraud", PageSize = ModelQuery.MaxPageSize });
        Assert.Equal(Enumerable.Range(1, count), versions.Items.Select(v => v.Version));
        IReadOnlyList<RegistryChange> changes = await registry.GetChangesAsync(0, ModelQuery.MaxPageSize);
        Assert.Single(changes, c => c.Kind == RegistryChangeKind.ModelCreated);
        Assert.Equal(Enumerable.Range(1, count), changes.Where(c => c.Kind == RegistryChangeKind.VersionCreated).Select(c => c.Version!.Value).Order());
        Assert.Equal(count, (await registry.GetModelAsync("fraud"))!.LatestVersion);
    }

    [Fact]
    public async Task RegisterVersionAsync_EightConcurrentWritersOnOneRoot_NumbersVersionsWithoutGapsOrDuplicates()
    {
        const int Writers = 8;
        const int PerWriter = 6;
        using var start = new Barrier(Writers);

        int[][] results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            using SqliteModelRegistry registry = CreateRegistry();
            start.SignalAndWait();
            var versions = new int[PerWriter];
            for (int i = 0; i < PerWriter; i++)
            {
                versions[i] = (await registry.RegisterVersionAsync(Version($"{w}-{i}"))).Version;
            }

            return versions;
        })));

        Assert.Equal(Enumerable.Range(1, Writers * PerWriter), results.SelectMany(r => r).Order());
        Assert.All(results, r => Assert.Equal(r.Order(), r));
        await AssertVersionsAreExactlyOneTo(Writers * PerWriter);
    }

    [Fact]
    public async Task RegisterVersionAsync_FourWriterProcessesOnOneRoot_NumbersVersionsWithoutGapsOrDuplicates()
    {
        const int Processes = 4;
        const int PerProcess = 5;
        Process[] workers = [.. Enumerable.Range(0, Processes).Select(_ => TestWorkerProcess.Start("register", _root.Path, "fraud", PerProcess.ToString()))];
        try
        {
            var printed = new List<int>();
            foreach (Process worker in workers)
            {
                Task<string> stdout = worker.StandardOutput.ReadToEndAsync();
                Task<string> stderr = worker.StandardError.ReadToEndAsync();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                await worker.WaitForExitAsync(timeout.Token);
                Assert.True(worker.ExitCode == 0, await stderr);
                printed.AddRange((await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse));
            }

            Assert.Equal(Enumerable.Range(1, Processes * PerProcess), printed.Order());
            await AssertVersionsAreExactlyOneTo(Processes * PerProcess);
        }
        finally
        {
            foreach (Process worker in workers)
            {
                if (!worker.HasExited)
                {
                    worker.Kill(entireProcessTree: true);
                }

                worker.Dispose();
            }
        }
    }

    [Fact]
    public async Task RegisterVersionAsync_WriterKilledWhileWritingArtifact_LeavesNoVersionAndNextRegistrationSucceeds()
    {
        using (SqliteModelRegistry first = CreateRegistry())
        {
            await first.RegisterVersionAsync(Version("one"));
        }

        using Process worker = TestWorkerProcess.Start("slow", _root.Path, "fraud");
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            string? line = await worker.StandardOutput.ReadLineAsync(timeout.Token);
            Assert.Equal("writing", line);
        }
        finally
        {
            worker.Kill(entireProcessTree: true);
            await worker.WaitForExitAsync();
        }

        string artifacts = Path.Combine(_root.Path, "artifacts");
        Assert.NotEmpty(Directory.GetFiles(artifacts, ".tmp-*"));
        using SqliteModelRegistry registry = CreateRegistry();
        Assert.Null(await registry.GetVersionAsync("fraud", 2));
        Assert.Equal(1, (await registry.ResolveAsync("fraud")).Version);
        Assert.Single(Directory.GetFiles(Path.Combine(artifacts, "sha256"), "*", SearchOption.AllDirectories));

        ModelVersion next = await registry.RegisterVersionAsync(Version("two"));

        Assert.Equal(2, next.Version);
        await AssertVersionsAreExactlyOneTo(2);
    }
}
