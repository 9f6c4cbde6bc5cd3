using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Ml.Sdk.Core.Tensors;
using Ml.Sdk.Registry.Naming;

namespace Ml.Sdk.Registry.Tests.Models;

/// <summary>
/// The behaviour every <see cref="IModelRegistry"/> must have. A store derives from this class and supplies the
/// registry and a view of what it has stored, for the "a rejected call changes nothing" checks.
/// </summary>
public abstract class ModelRegistryContractTests : IDisposable
{
    private readonly List<IDisposable> _disposables = [];

    protected ModelRegistryContractTests()
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        ChangePollInterval = TimeSpan.FromSeconds(5);
    }

    protected FakeTimeProvider Time { get; }

    protected TimeSpan ChangePollInterval { get; }

    /// <summary>Creates a registry on this test's store (every call shares the same store).</summary>
    protected abstract IModelRegistry CreateRegistry(TimeProvider timeProvider, TimeSpan changePollInterval, long maxArtifactBytes);

    /// <summary>Lists every file the store holds for artifacts (blobs and temp files), for nothing-changed checks.</summary>
    protected abstract IReadOnlyList<string> StoredArtifactFiles();

    protected IModelRegistry Registry(long maxArtifactBytes = 1L << 30)
    {
        IModelRegistry registry = CreateRegistry(Time, ChangePollInterval, maxArtifactBytes);
        if (registry is IDisposable disposable)
        {
            _disposables.Add(disposable);
        }

        return registry;
    }

    public virtual void Dispose()
    {
        foreach (IDisposable disposable in _disposables)
        {
            disposable.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    protected static ModelSignature FraudSignature() => new(
        [TensorSpec.Create<float>("features", -1, 8)],
        [TensorSpec.Create<float>("probabilities", -1, 2)]);

    protected static NewModelVersion Version(string name, string content = "weights", string fileName = "model.onnx") => new()
    {
        Name = name,
        Format = ModelFormat.Onnx,
        Artifacts = [ArtifactSource.FromBytes(fileName, Encoding.UTF8.GetBytes(content))],
    };

    protected static string Sha256Hex(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    protected async Task<RegistrySnapshot> SnapshotAsync(IModelRegistry registry)
    {
        RegistryPage<RegisteredModel> models = await registry.ListModelsAsync(new ModelQuery { PageSize = ModelQuery.MaxPageSize });
        RegistryPage<ModelVersion> versions = await registry.SearchVersionsAsync(new VersionQuery { PageSize = ModelQuery.MaxPageSize });
        IReadOnlyList<RegistryChange> changes = await registry.GetChangesAsync(0, ModelQuery.MaxPageSize);
        return new RegistrySnapshot(
            models.Items.Count,
            versions.Items.Count,
            changes.Count == 0 ? 0 : changes[^1].Sequence,
            string.Join("|", StoredArtifactFiles().Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task RegisterVersionAsync_FirstVersion_CreatesModelAndVersionOne()
    {
        IModelRegistry registry = Registry();

        ModelVersion version = await registry.RegisterVersionAsync(Version("fraud"));

        Assert.Equal(1, version.Version);
        Assert.Equal(ModelVersionStatus.Ready, version.Status);
        Assert.Equal(Time.GetUtcNow(), version.CreatedAt);
        RegisteredModel? model = await registry.GetModelAsync("fraud");
        Assert.NotNull(model);
        Assert.Equal(Time.GetUtcNow(), model.CreatedAt);
        Assert.Equal(1, model.LatestVersion);
        Assert.Equal(1, model.LatestReadyVersion);
    }

    [Fact]
    public async Task RegisterVersionAsync_SeveralTimes_NumbersVersionsWithoutGapsPerModel()
    {
        IModelRegistry registry = Registry();

        ModelVersion first = await registry.RegisterVersionAsync(Version("fraud", "a"));
        ModelVersion other = await registry.RegisterVersionAsync(Version("churn", "b"));
        ModelVersion second = await registry.RegisterVersionAsync(Version("fraud", "c"));
        ModelVersion third = await registry.RegisterVersionAsync(Version("fraud", "a"));

        Assert.Equal([1, 1, 2, 3], new[] { first.Version, other.Version, second.Version, third.Version });
    }

    [Fact]
    public async Task GetVersionAsync_EveryField_RoundTrips()
    {
        IModelRegistry registry = Registry();
        string weights = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(weights, "tokenizer");
            await registry.RegisterVersionAsync(Version("fraud", "parent"));
            var request = new NewModelVersion
            {
                Name = "fraud",
                Format = ModelFormat.TorchSharp,
                Artifacts =
                [
                    ArtifactSource.FromBytes("weights.dat", Encoding.UTF8.GetBytes("weights")),
                    ArtifactSource.FromStream("config.json", () => new MemoryStream(Encoding.UTF8.GetBytes("{}"))),
                    ArtifactSource.FromFile("tokenizer.txt", weights),
                ],
                Signature = FraudSignature(),
                Description = "Gradient-boosted\nfraud scorer",
                Tags = new Dictionary<string, string> { ["team"] = "risk", ["stage"] = "candidate" },
                Lineage = new ModelLineage
                {
                    RunId = "run-42",
                    DatasetFingerprint = "sha256:abc",
                    FeatureViews = [new FeatureViewReference("transactions", 3), new FeatureViewReference("merchants", 1)],
                    ParentVersion = 1,
                },
                Creator = "ana@example.com",
            };

            ModelVersion registered = await registry.RegisterVersionAsync(request);
            ModelVersion? loaded = await registry.GetVersionAsync("fraud", 2);

            Assert.NotNull(loaded);
            foreach (ModelVersion version in new[] { registered, loaded })
            {
                Assert.Equal("fraud", version.Name);
                Assert.Equal(2, version.Version);
                Assert.Equal(ModelFormat.TorchSharp, version.Format);
                Assert.Equal(
                    [new ModelArtifact("weights.dat", Sha256Hex("weights"), 7), new ModelArtifact("config.json", Sha256Hex("{}"), 2), new ModelArtifact("tokenizer.txt", Sha256Hex("tokenizer"), 9)],
                    version.Artifacts);
                Assert.Equal(FraudSignature(), version.Signature);
                Assert.Equal("Gradient-boosted\nfraud scorer", version.Description);
                Assert.Equal(new Dictionary<string, string> { ["stage"] = "candidate", ["team"] = "risk" }, version.Tags);
                Assert.Equal("run-42", version.Lineage.RunId);
                Assert.Equal("sha256:abc", version.Lineage.DatasetFingerprint);
                Assert.Equal([new FeatureViewReference("transactions", 3), new FeatureViewReference("merchants", 1)], version.Lineage.FeatureViews);
                Assert.Equal(1, version.Lineage.ParentVersion);
                Assert.Equal("ana@example.com", version.Creator);
                Assert.Equal(Time.GetUtcNow(), version.CreatedAt);
            }
        }
        finally
        {
            File.Delete(weights);
        }
    }

    [Fact]
    public async Task OpenArtifactAsync_RegisteredContent_ReturnsTheSameBytes()
    {
        IModelRegistry registry = Registry();
        byte[] content = RandomNumberGenerator.GetBytes(300_000);
        await registry.RegisterVersionAsync(new NewModelVersion { Name = "fraud", Format = ModelFormat.Onnx, Artifacts = [ArtifactSource.FromBytes("model.onnx", content)] });

        Stream stream = await registry.OpenArtifactAsync("fraud", 1, "model.onnx");
        using var copy = new MemoryStream();
        await using (stream)
        {
            await stream.CopyToAsync(copy);
        }

        Assert.Equal(content, copy.ToArray());
        string path = await registry.GetVerifiedArtifactPathAsync("fraud", 1, "model.onnx");
        Assert.Equal(content, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task ResolveAsync_EveryReferenceForm_FindsTheRightVersion()
    {
        IModelRegistry registry = Registry();
        await registry.RegisterVersionAsync(Version("fraud", "1"));
        await registry.RegisterVersionAsync(Version("fraud", "2"));
        await registry.RegisterVersionAsync(Version("fraud", "3"));
        await registry.SetAliasAsync("fraud", "champion", 2);

        Assert.Equal(3, (await registry.ResolveAsync("fraud")).Version);
        Assert.Equal(3, (await registry.ResolveAsync("fraud@latest")).Version);
        Assert.Equal(1, (await registry.ResolveAsync("fraud/1")).Version);
        ModelVersion champion = await registry.ResolveAsync("fraud@champion");
        Assert.Equal(2, champion.Version);
        Assert.Equal(["champion"], champion.Aliases);
        Assert.Equal(2, (await registry.ResolveAsync(ModelReference.ForAlias("fraud", "champion"))).Version);
    }

    [Fact]
    public async Task ResolveAsync_LatestVersionDeleted_ReturnsHighestReadyVersion()
    {
        IModelRegistry registry = Registry();
        await registry.RegisterVersionAsync(Version("fraud", "1"));
        await registry.RegisterVersionAsync(Version("fraud", "2"));

        await registry.DeleteVersionAsync("fraud", 2);

        Assert.Equal(1, (await registry.ResolveAsync("fraud")).Version);
        var ex = await Assert.ThrowsAsync<ModelNotFoundException>(() => registry.ResolveAsync("fraud/2"));
        Assert.Contains("deleted", ex.Message, StringComparison.Ordinal);
        RegisteredModel? model = await registry.GetModelAsync("fraud");
        Assert.Equal(2, model!.LatestVersion);
        Assert.Equal(1, model.LatestReadyVersion);
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("fraud/9")]
    [InlineData("fraud@shadow")]
    public async Task ResolveAsync_UnknownReference_ThrowsModelNotFound(string reference)
    {
        IModelRegistry registry = Registry();
        await registry.RegisterVersionAsync(Version("fraud"));

        var ex = await Assert.ThrowsAsync<ModelNotFoundException>(() => registry.ResolveAsync(reference));

        Assert.Contains(reference, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetAliasAsync_MovesAlias_ReturnsPreviousVersionAndRecordsChange()
    {
        IModelRegistry registry = Registry();
        await registry.RegisterVersionAsync(Version("fraud", "1"));
        await registry.RegisterVersionAsync(Version("fraud", "2"));

        int? created = await registry.SetAliasAsync("fraud", "champion", 1);
        int? moved = await registry.SetAliasAsync("fraud", "champion", 2);
        int? unchanged = await registry.SetAliasAsync("fraud", "champion", 2);

        Assert.Null(created);
        Assert.Equal(1, moved);
        Assert.Equal(2, unchanged);
        Assert.Equal(2, (await registry.ResolveAsync("fraud@champion")).Version);
        Assert.Empty((await registry.GetVersionAsync("fraud", 1))!.Aliases);
        Assert.Equal(new Dictionary<string, int> { ["champion"] = 2 }, (await registry.GetModelAsync("fraud"))!.Aliases);
        IReadOnlyList<RegistryChange> aliasChanges = [.. (await registry.GetChangesAsync()).Where(c => c.Kind == RegistryChangeKind.AliasSet)];
        Assert.Equal([1, 2], aliasChanges.Select(c => c.Version!.Value));
        Assert.All(aliasChanges, c => Assert.Equal("champion", c.Alias));
    }

    [Fact]
    public async Task DeleteAliasAsync_ExistingAlias_NoLongerResolves()
    {
        IModelRegistry registry = Registry();
        await registry.RegisterVersionAsync(Version("fraud"));
        await registry.SetAliasAsync("fraud", "champion", 1);

        await registry.DeleteAliasAsync("fraud", "champion");

        await Assert.ThrowsAsync<ModelNotFoundException>(() => registry.ResolveAsync("fraud@champion"));
        RegistryChange last = (await registry.GetChangesAsync())[^1];
        Assert.Equal((RegistryChangeKind.AliasDeleted, 1, "champion"), (last.Kind, last.Version!.Value, last.Alias!));
    }

    [Fact]
    public async Task DeleteVersionAsync_AliasPointsAtIt_ThrowsNamingAliasAndKeepsVersionReady()
    {
        IModelRegistry registry = Registry();
        await registry.RegisterVersionAsync(Version("fraud"));
        await registry.SetAliasAsync("fraud", "champion", 1);
        RegistrySnapshot before = await SnapshotAsync(registry);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => registry.DeleteVersionAsync("fraud", 1));

        Assert.Contains("'champion'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ModelVersionStatus.Ready, (await registry.GetVersionAsync("fraud", 1))!.Status);
        Assert.Equal(before, await SnapshotAsync(registry));
    }

    [Fact]
    public async Task DeleteVersionAsync_NoAlias_SoftDeletesAndKeepsItListed()
    {
        IModelRegistry registry = Registry();
        await registry.RegisterVersionAsync(Version("fraud"));

        await registry.DeleteVersionAsync("fraud", 1);
        await registry.DeleteVersionAsync("fraud", 1);

        Assert.Equal(ModelVersionStatus.Deleted, (await registry.GetVersionAsync("fraud", 1))!.Status);
        await Assert.ThrowsAsync<ModelNotFoundException>(() => registry.ResolveAsync("fraud"));
        await Assert.ThrowsAsync<ModelNotFoundException>(() => registry.OpenArtifactAsync("fraud", 1, "model.onnx"));
        await Assert.ThrowsAsync<ModelNotFoundException>(() => registry.SetAliasAsync("fraud", "champion", 1));
        Assert.Single(await registry.GetChangesAsync(), c => c.Kind == RegistryChangeKind.VersionDeleted);
    }

    [Fact]
    public async Task PurgeAsync_ReadyVersion_ThrowsAndChangesNothing()
    {
        IModelRegistry registry = Registry();
        await registry.RegisterVersionAsync(Version("fraud"));
        RegistrySnapshot before = await SnapshotAsync(registry);

        await Assert.ThrowsAsync<InvalidOperationException>(() => registry.PurgeAsync("fraud", 1));

        Assert.Equal(before, await SnapshotAsync(registry));
    }

    [Fact]
    public async Task PurgeAsync_DeletedVersion_RemovesRowAndOnlyBlobsNoOtherVersionUses()
    {
        IModelRegistry registry = Registry();
        await registry.RegisterVersionAsync(new NewModelVersion
        {
            Name = "fraud",
            Format = ModelFormat.Onnx,
            Artifacts = [ArtifactSource.FromBytes("shared.bin", "shared"u8.ToArray()), ArtifactSource.FromBytes("own.bin", "own"u8.ToArray())],
        });
        await registry.RegisterVersionAsync(Version("fraud", "shared", "model.onnx"));
        Assert.Equal(2, StoredArtifactFiles().Count);

        await registry.DeleteVersionAsync("fraud", 1);
        await registry.PurgeAsync("fraud", 1);

        Assert.Null(await registry.GetVersionAsync("fraud", 1));
        Assert.Single(StoredArtifactFiles());
        Stream stream = await registry.OpenArtifactAsync("fraud", 2, "model.onnx");
        await stream.DisposeAsync();
        Assert.Equal(RegistryChangeKind.VersionPurged, (await registry.GetChangesAsync())[^1].Kind);
        // Numbers are never reused, even after a purge of the highest.
        await registry.DeleteVersionAsync("fraud", 2);
        await registry.PurgeAsync("fraud", 2);
        Assert.Empty(StoredArtifactFiles());
        Assert.Equal(3, (await registry.RegisterVersionAsync(Version("fraud"))).Version);
    }

    [Fact]
    public async Task RegisterVersionAsync_SameContentTwice_StoresOneBlob()
    {
        IModelRegistry registry = Registry();

        ModelVersion first = await registry.RegisterVersionAsync(Version("fraud", "same"));
        ModelVersion second = await registry.RegisterVersionAsync(Version("churn", "same", "other.onnx"));

        Assert.Equal(first.Artifacts[0].Sha256, second.Artifacts[0].Sha256);
        Assert.Single(StoredArtifactFiles());
    }

    [Fact]
    public async Task ListModelsAsync_PrefixAndTagFilters_ReturnOnlyMatches()
    {
        IModelRegistry registry = Registry();
        foreach (string name in new[] { "fraud-eu", "fraud-us", "churn" })
        {
            await registry.RegisterVersionAsync(Version(name, name));
        }

        await registry.SetModelTagAsync("fraud-eu", "team", "risk");
        await registry.SetModelTagAsync("churn", "team", "growth");
        await registry.SetModelTagAsync("churn", "team", "retention");

        RegistryPage<RegisteredModel> prefixed = await registry.ListModelsAsync(new ModelQuery { NamePrefix = "fraud" });
        RegistryPage<RegisteredModel> tagged = await registry.ListModelsAsync(new ModelQuery { TagKey = "team" });
        RegistryPage<RegisteredModel> valued = await registry.ListModelsAsync(new ModelQuery { TagKey = "team", TagValue = "retention" });

        Assert.Equal(["fraud-eu", "fraud-us"], prefixed.Items.Select(m => m.Name));
        Assert.Equal(["churn", "fraud-eu"], tagged.Items.Select(m => m.Name));
        Assert.Equal(["churn"], valued.Items.Select(m => m.Name));
        Assert.Equal("retention", valued.Items[0].Tags["team"]);
        Assert.Null(prefixed.NextPageToken);
    }

    [Fact]
    public async Task ListModelsAsync_Paging_VisitsEveryModelOnceInOrder()
    {
        IModelRegistry registry = Registry();
        string[] names = [.. Enumerable.Range(0, 7).Select(i => $"model-{i}")];
        foreach (string name in names.Reverse())
        {
            await registry.RegisterVersionAsync(Version(name, name));
        }

        var seen = new List<string>();
        string? token = null;
        int pages = 0;
        do
        {
            RegistryPage<RegisteredModel> page = await registry.ListModelsAsync(new ModelQuery { PageSize = 3, PageToken = token });
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items.Select(m => m.Name));
            token = page.NextPageToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(names, seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task SearchVersionsAsync_Filters_ReturnOnlyMatchingVersions()
    {
        IModelRegistry registry = Registry();
        for (int i = 1; i <= 4; i++)
        {
            await registry.RegisterVersionAsync(Version("fraud", $"f{i}"));
        }

        await registry.RegisterVersionAsync(Version("churn", "c1"));
        await registry.SetVersionTagAsync("fraud", 2, "validated", "yes");
        await registry.SetVersionTagAsync("fraud", 3, "validated", "no");
        await registry.SetVersionTagAsync("churn", 1, "validated", "yes");
        await registry.SetAliasAsync("fraud", "champion", 3);
        await registry.DeleteVersionAsync("fraud", 1);

        static IEnumerable<string> Keys(RegistryPage<ModelVersion> page) => page.Items.Select(v => v.Reference.ToString());
        Assert.Equal(["fraud/1", "fraud/2", "fraud/3", "fraud/4"], Keys(await registry.SearchVersionsAsync(new VersionQuery { Name = "fraud" })));
        Assert.Equal(["churn/1", "fraud/2", "fraud/3"], Keys(await registry.SearchVersionsAsync(new VersionQuery { TagKey = "validated" })));
        Assert.Equal(["churn/1", "fraud/2"], Keys(await registry.SearchVersionsAsync(new VersionQuery { TagKey = "validated", TagValue = "yes" })));
        Assert.Equal(["fraud/3"], Keys(await registry.SearchVersionsAsync(new VersionQuery { Alias = "champion" })));
        Assert.Equal(["fraud/1"], Keys(await registry.SearchVersionsAsync(new VersionQuery { Status = ModelVersionStatus.Deleted })));
        Assert.Equal(["fraud/2", "fraud/3", "fraud/4"], Keys(await registry.SearchVersionsAsync(new VersionQuery { Name = "fraud", Status = ModelVersionStatus.Ready })));
    }

    [Fact]
    public async Task SearchVersionsAsync_Paging_CrossesModelsWithoutSkippingOrRepeating()
    {
        IModelRegistry registry = Registry();
        foreach (string name in new[] { "b", "a", "b", "c", "a", "b" })
        {
            await registry.RegisterVersionAsync(Version(name, Guid.NewGuid().ToString()));
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            RegistryPage<ModelVersion> page = await registry.SearchVersionsAsync(new VersionQuery { PageSize = 2, PageToken = token });
            seen.AddRange(page.Items.Select(v => v.Reference.ToString()));
            token = page.NextPageToken;
        }
        while (token is not null);

        Assert.Equal(["a/1", "a/2", "b/1", "b/2", "b/3", "c/1"], seen);
    }

    [Fact]
    public async Task SetVersionTagAsync_ExistingKey_ReplacesValue()
    {
        IModelRegistry registry = Registry();
        await registry.RegisterVersionAsync(Version("fraud"));

        await registry.SetVersionTagAsync("fraud", 1, "stage", "staging");
        await registry.SetVersionTagAsync("fraud", 1, "stage", "production");

        Assert.Equal(new Dictionary<string, string> { ["stage"] = "production" }, (await registry.GetVersionAsync("fraud", 1))!.Tags);
    }

    [Fact]
    public async Task GetChangesAsync_AfterEveryKindOfChange_ListsThemInOrderWithRisingSequences()
    {
        IModelRegistry registry = Registry();
        await registry.RegisterVersionAsync(Version("fraud", "1"));
        await registry.RegisterVersionAsync(Version("fraud", "2"));
        await registry.SetAliasAsync("fraud", "champion", 2);
        await registry.DeleteAliasAsync("fraud", "champion");
        await registry.DeleteVersionAsync("fraud", 1);
        await registry.PurgeAsync("fraud", 1);

        IReadOnlyList<RegistryChange> changes = await registry.GetChangesAsync();

        Assert.Equal(
            [RegistryChangeKind.ModelCreated, RegistryChangeKind.VersionCreated, RegistryChangeKind.VersionCreated, RegistryChangeKind.AliasSet,
             RegistryChangeKind.AliasDeleted, RegistryChangeKind.VersionDeleted, RegistryChangeKind.VersionPurged],
            changes.Select(c => c.Kind));
        Assert.Equal([null, 1, 2, 2, 2, 1, 1], changes.Select(c => c.Version));
        Assert.All(changes, c => Assert.Equal("fraud", c.ModelName));
        Assert.True(changes.Zip(changes.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence));
        IReadOnlyList<RegistryChange> tail = await registry.GetChangesAsync(changes[4].Sequence, 1);
        Assert.Equal(changes[5], Assert.Single(tail));
    }

    [Fact]
    public async Task WatchAsync_ChangeInThisProcess_ArrivesWithoutWaitingForAPoll()
    {
        IModelRegistry registry = Registry();
        IModelRegistry writer = Registry();
        await registry.RegisterVersionAsync(Version("fraud", "1"));
        long after = (await registry.GetChangesAsync())[^1].Sequence;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using IAsyncEnumerator<RegistryChange> watch = registry.WatchAsync(after, timeout.Token).GetAsyncEnumerator(timeout.Token);

        ValueTask<bool> next = watch.MoveNextAsync();
        await Task.Delay(50);
        Assert.False(next.IsCompleted);
        await writer.SetAliasAsync("fraud", "champion", 1);

        // The fake clock never moves: only the in-process signal can deliver this.
        Assert.True(await next);
        Assert.Equal((RegistryChangeKind.AliasSet, "champion"), (watch.Current.Kind, watch.Current.Alias));
        Assert.True(watch.Current.Sequence > after);
    }

    [Fact]
    public async Task WatchAsync_FromZero_ReplaysHistoryFirst()
    {
        IModelRegistry registry = Registry();
        await registry.RegisterVersionAsync(Version("fraud", "1"));
        await registry.RegisterVersionAsync(Version("fraud", "2"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var seen = new List<RegistryChange>();
        await foreach (RegistryChange change in registry.WatchAsync(0, timeout.Token))
        {
            seen.Add(change);
            if (seen.Count == 3)
            {
                break;
            }
        }

        Assert.Equal([RegistryChangeKind.ModelCreated, RegistryChangeKind.VersionCreated, RegistryChangeKind.VersionCreated], seen.Select(c => c.Kind));
    }

    public static TheoryData<string> InvalidRegistrations() =>
    [
        "no-artifacts", "duplicate-file", "duplicate-file-case", "name-parent", "name-slash", "name-backslash", "name-control", "name-129",
        "name-empty", "file-parent", "file-slash", "file-backslash", "tag-key", "tag-value-long", "tag-value-control", "feature-view",
        "parent-missing", "missing-file", "null-artifact",
    ];

    [Theory]
    [MemberData(nameof(InvalidRegistrations))]
    public async Task RegisterVersionAsync_InvalidRequest_ThrowsAndStoresNothing(string problem)
    {
        IModelRegistry registry = Registry();
        await registry.RegisterVersionAsync(Version("fraud", "existing"));
        RegistrySnapshot before = await SnapshotAsync(registry);
        ArtifactSource good = ArtifactSource.FromBytes("model.onnx", "new content"u8.ToArray());
        NewModelVersion request = problem switch
        {
            "no-artifacts" => Version("fraud") with { Artifacts = [] },
            "duplicate-file" => Version("fraud") with { Artifacts = [good, ArtifactSource.FromBytes("model.onnx", "x"u8.ToArray())] },
            "duplicate-file-case" => Version("fraud") with { Artifacts = [good, ArtifactSource.FromBytes("MODEL.onnx", "x"u8.ToArray())] },
            "name-parent" => Version("../x"),
            "name-slash" => Version("a/b"),
            "name-backslash" => Version("a\\b"),
            "name-control" => Version("fraud\u0001"),
            "name-129" => Version(new string('m', 129)),
            "name-empty" => Version(""),
            "file-parent" => Version("fraud") with { Artifacts = [good, ArtifactSource.FromBytes("../x", "x"u8.ToArray())] },
            "file-slash" => Version("fraud") with { Artifacts = [good, ArtifactSource.FromBytes("a/b", "x"u8.ToArray())] },
            "file-backslash" => Version("fraud") with { Artifacts = [good, ArtifactSource.FromBytes("a\\b", "x"u8.ToArray())] },
            "tag-key" => Version("fraud") with { Tags = new Dictionary<string, string> { ["bad key"] = "v" } },
            "tag-value-long" => Version("fraud") with { Tags = new Dictionary<string, string> { ["k"] = new string('v', NameRules.MaxValueLength + 1) } },
            "tag-value-control" => Version("fraud") with { Tags = new Dictionary<string, string> { ["k"] = "a\u0000b" } },
            "feature-view" => Version("fraud") with { Lineage = new ModelLineage { FeatureViews = [new FeatureViewReference("../views", 1)] } },
            "parent-missing" => Version("fraud") with { Lineage = new ModelLineage { ParentVersion = 7 } },
            "missing-file" => Version("fraud") with { Artifacts = [good, ArtifactSource.FromFile("weights.dat", Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")))] },
            "null-artifact" => Version("fraud") with { Artifacts = [good, null!] },
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };

        Exception ex = await Assert.ThrowsAnyAsync<Exception>(() => registry.RegisterVersionAsync(request));

        Assert.True(ex is ArgumentException or ModelNotFoundException or FileNotFoundException, ex.ToString());
        Assert.Equal(before, await SnapshotAsync(registry));
    }

    [Fact]
    public async Task RegisterVersionAsync_StreamLongerThanMaxArtifactBytes_ThrowsAndLeavesNoFile()
    {
        IModelRegistry registry = Registry(maxArtifactBytes: 1000);
        RegistrySnapshot before = await SnapshotAsync(registry);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => registry.RegisterVersionAsync(new NewModelVersion
        {
            Name = "fraud",
            Format = ModelFormat.Onnx,
            Artifacts = [ArtifactSource.FromStream("model.onnx", () => new MemoryStream(new byte[1001]))],
        }));

        Assert.Contains("MaxArtifactBytes", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(registry));
    }

    [Fact]
    public async Task RegisterVersionAsync_BytesLongerThanMaxArtifactBytes_ThrowsBeforeWritingAnything()
    {
        IModelRegistry registry = Registry(maxArtifactBytes: 1000);
        RegistrySnapshot before = await SnapshotAsync(registry);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => registry.RegisterVersionAsync(new NewModelVersion
        {
            Name = "fraud",
            Format = ModelFormat.Onnx,
            Artifacts = [ArtifactSource.FromBytes("small.onnx", new byte[1000]), ArtifactSource.FromBytes("model.onnx", new byte[1001])],
        }));

        Assert.Contains("'model.onnx'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(registry));
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("Latest")]
    [InlineData("3")]
    [InlineData("a/b")]
    [InlineData("../x")]
    [InlineData("")]
    public async Task SetAliasAsync_InvalidAlias_ThrowsInvalidNameAndChangesNothing(string alias)
    {
        IModelRegistry registry = Registry();
        await registry.RegisterVersionAsync(Version("fraud"));
        RegistrySnapshot before = await SnapshotAsync(registry);

        await Assert.ThrowsAsync<InvalidNameException>(() => registry.SetAliasAsync("fraud", alias, 1));

        Assert.Equal(before, await SnapshotAsync(registry));
        Assert.Empty((await registry.GetModelAsync("fraud"))!.Aliases);
    }

    public static TheoryData<string> UnknownTargets() =>
    [
        "alias-unknown-model", "alias-unknown-version", "delete-unknown-alias", "delete-alias-unknown-model", "model-tag-unknown-model",
        "version-tag-unknown-version", "delete-unknown-version", "purge-unknown-version", "open-unknown-file", "open-unknown-version",
    ];

    [Theory]
    [MemberData(nameof(UnknownTargets))]
    public async Task Operation_UnknownModelVersionOrAlias_ThrowsModelNotFoundAndChangesNothing(string operation)
    {
        IModelRegistry registry = Registry();
        await registry.RegisterVersionAsync(Version("fraud"));
        RegistrySnapshot before = await SnapshotAsync(registry);

        Func<Task> act = operation switch
        {
            "alias-unknown-model" => () => registry.SetAliasAsync("nope", "champion", 1),
            "alias-unknown-version" => () => registry.SetAliasAsync("fraud", "champion", 2),
            "delete-unknown-alias" => () => registry.DeleteAliasAsync("fraud", "champion"),
            "delete-alias-unknown-model" => () => registry.DeleteAliasAsync("nope", "champion"),
            "model-tag-unknown-model" => () => registry.SetModelTagAsync("nope", "team", "risk"),
            "version-tag-unknown-version" => () => registry.SetVersionTagAsync("fraud", 2, "team", "risk"),
            "delete-unknown-version" => () => registry.DeleteVersionAsync("fraud", 2),
            "purge-unknown-version" => () => registry.PurgeAsync("fraud", 2),
            "open-unknown-file" => () => registry.OpenArtifactAsync("fraud", 1, "other.onnx"),
            "open-unknown-version" => () => registry.OpenArtifactAsync("fraud", 2, "model.onnx"),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };

        await Assert.ThrowsAsync<ModelNotFoundException>(act);
        Assert.Equal(before, await SnapshotAsync(registry));
    }

    [Fact]
    public async Task SetModelTagAsync_ValueTooLong_ThrowsAndChangesNothing()
    {
        IModelRegistry registry = Registry();
        await registry.RegisterVersionAsync(Version("fraud"));

        await Assert.ThrowsAsync<InvalidNameException>(() => registry.SetModelTagAsync("fraud", "team", new string('x', NameRules.MaxValueLength + 1)));
        await Assert.ThrowsAsync<InvalidNameException>(() => registry.SetVersionTagAsync("fraud", 1, "a\\b", "x"));

        Assert.Empty((await registry.GetModelAsync("fraud"))!.Tags);
        Assert.Empty((await registry.GetVersionAsync("fraud", 1))!.Tags);
    }

    [Fact]
    public async Task SetModelDescriptionAsync_SetReplaceClear_IsWhatGetModelReturns()
    {
        IModelRegistry registry = Registry();
        await registry.RegisterVersionAsync(Version("fraud"));
        Assert.Null((await registry.GetModelAsync("fraud"))!.Description);

        await registry.SetModelDescriptionAsync("fraud", "Card fraud score for payments,\nper transaction.");
        Assert.Equal("Card fraud score for payments,\nper transaction.", (await registry.GetModelAsync("fraud"))!.Description);

        await registry.SetModelDescriptionAsync("fraud", null);
        Assert.Null((await registry.GetModelAsync("fraud"))!.Description);
    }

    [Fact]
    public async Task SetModelDescriptionAsync_BadInputOrUnknownModel_ThrowsAndChangesNothing()
    {
        IModelRegistry registry = Registry();
        await registry.RegisterVersionAsync(Version("fraud"));
        await registry.SetModelDescriptionAsync("fraud", "kept");
        RegistrySnapshot before = await SnapshotAsync(registry);

        await Assert.ThrowsAsync<InvalidNameException>(() => registry.SetModelDescriptionAsync("fraud", "bell\u0007"));
        await Assert.ThrowsAsync<InvalidNameException>(() => registry.SetModelDescriptionAsync("fraud", new string('x', NameRules.MaxValueLength + 1)));
        await Assert.ThrowsAsync<InvalidNameException>(() => registry.SetModelDescriptionAsync("../fraud", "x"));
        await Assert.ThrowsAsync<ModelNotFoundException>(() => registry.SetModelDescriptionAsync("other", "x"));

        Assert.Equal("kept", (await registry.GetModelAsync("fraud"))!.Description);
        Assert.Null(await registry.GetModelAsync("other"));
        Assert.Equal(before, await SnapshotAsync(registry));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(ModelQuery.MaxPageSize + 1)]
    public async Task ListModelsAsync_PageSizeOutOfRange_Throws(int pageSize)
    {
        IModelRegistry registry = Registry();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => registry.ListModelsAsync(new ModelQuery { PageSize = pageSize }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => registry.SearchVersionsAsync(new VersionQuery { PageSize = pageSize }));
    }

    [Fact]
    public async Task ListModelsAsync_ForgedPageToken_ThrowsArgumentException()
    {
        IModelRegistry registry = Registry();

        await Assert.ThrowsAsync<ArgumentException>(() => registry.ListModelsAsync(new ModelQuery { PageToken = "not a token!" }));
    }
}
