using Microsoft.Extensions.DependencyInjection;
using Ml.Sdk.Core.Observability;
using Ml.Sdk.Serving.TestModels;
using Ml.Sdk.Serving.Tests.TestSupport;

namespace Ml.Sdk.Serving.Tests.Lifecycle;

public sealed class ServingLifecycleTests
{
    [Fact]
    public async Task Dispose_SynchronousContainerDispose_DisposesTheServer()
    {
        await using var fixture = new ServingFixture();
        string path = fixture.PathFor("scale.onnx");
        OnnxTestModels.WriteScale(path, 2, 2f);
        var services = new ServiceCollection();
        services.AddMlServing().AddModel("m", m => m.FromFile(path));
        ServiceProvider provider = services.BuildServiceProvider();
        IModelClient client = provider.GetRequiredKeyedService<IModelClient>("m");
        await client.InferAsync<float, float>(new float[] { 1, 2 }, new float[2]);

        provider.Dispose();

        ModelNotServedException error = await Assert.ThrowsAsync<ModelNotServedException>(
            async () => await client.InferAsync<float, float>(new float[] { 1, 2 }, new float[2]));
        Assert.Contains("disposed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InferAsync_AfterRemoveModel_SaysTheModelWasRemoved()
    {
        await using var fixture = new ServingFixture();
        string path = fixture.PathFor("scale.onnx");
        OnnxTestModels.WriteScale(path, 2, 2f);
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("m", m => m.FromFile(path)));
        IModelServer server = provider.GetRequiredService<IModelServer>();
        IModelClient client = server.GetClient("m");
        await client.InferAsync<float, float>(new float[] { 1, 2 }, new float[2]);

        await server.RemoveModelAsync("m");

        ModelNotServedException error = await Assert.ThrowsAsync<ModelNotServedException>(
            async () => await client.InferAsync<float, float>(new float[] { 1, 2 }, new float[2]));
        Assert.Contains("removed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InferAsync_ModelThatFailsToLoad_CarriesTheLoadErrorAsInner()
    {
        await using var fixture = new ServingFixture();
        string path = fixture.PathFor("corrupt.onnx");
        OnnxTestModels.WriteCorrupt(path);
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("broken", m => m.FromFile(path)));
        IModelClient client = provider.GetRequiredKeyedService<IModelClient>("broken");

        ModelNotServedException error = await Assert.ThrowsAsync<ModelNotServedException>(
            async () => await client.InferAsync<float, float>(new float[] { 1, 2 }, new float[2]));

        ModelLoadException load = Assert.IsType<ModelLoadException>(error.InnerException);
        Assert.Equal("load", load.Stage);
        Assert.Equal(1, load.Version);
    }

    [Fact]
    public async Task InferAsync_FileModelWhoseHighestVersionIsTheShadow_ServesTheOtherAndMirrors()
    {
        var observer = new ShadowSeen();
        await using var fixture = new ServingFixture();
        string v1 = fixture.PathFor("v1.onnx");
        string v2 = fixture.PathFor("v2.onnx");
        OnnxTestModels.WriteScale(v1, 2, 1f);
        OnnxTestModels.WriteScale(v2, 2, 2f);
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("m", m => m.FromFile(v1, 1).FromFile(v2, 2).WithShadow(2)),
            services => services.AddSingleton<IInferenceObserver>(observer));
        IModelClient client = provider.GetRequiredKeyedService<IModelClient>("m");

        float[] output = new float[2];
        for (int i = 0; i < 20; i++)
        {
            InferenceResult result = await client.InferAsync<float, float>(new float[] { 3, 4 }, output);
            Assert.Equal(1, result.Version);
            Assert.Equal([3f, 4f], output);
        }

        for (int wait = 0; wait < 600 && observer.ShadowEvents < 20; wait++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(20, observer.ShadowEvents);
    }

    [Fact]
    public async Task InferAsync_NegativeTimeout_FailsBeforeAnythingIsTakenAndTheModelKeepsServing()
    {
        await using var fixture = new ServingFixture();
        string path = fixture.PathFor("scale.onnx");
        OnnxTestModels.WriteScale(path, 2, 2f);
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("m", m => m.FromFile(path)));
        IModelClient client = provider.GetRequiredKeyedService<IModelClient>("m");
        await provider.GetRequiredService<IModelServer>().WaitUntilReadyAsync();
        var negative = new InferenceOptions { Timeout = TimeSpan.FromMilliseconds(-5) };

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await client.InferAsync<float, float>(new float[] { 1, 2 }, new float[2], negative));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () =>
            await client.InferAsync(new InferenceRequest { Options = negative }.AddInput<float>("x", new float[] { 1, 2 }, 1, 2)));

        ServedVersionStatus status = provider.GetRequiredService<IModelServer>().GetStatus("m").Versions.Single();
        Assert.Equal(0, status.InFlight);
        float[] output = new float[2];
        await client.InferAsync<float, float>(new float[] { 1, 2 }, output);
        Assert.Equal([2f, 4f], output);
    }

    [Fact]
    public async Task InferAsync_CancelledDuringDistributedCacheLookup_ReleasesItsLease()
    {
        await using var fixture = new ServingFixture();
        string path = fixture.PathFor("scale.onnx");
        OnnxTestModels.WriteScale(path, 2, 2f);
        var cache = new CancellingCache();
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("m", m =>
        {
            m.FromFile(path);
            m.ResultCache = ResultCacheMode.Distributed;
        }), services => services.AddSingleton<Microsoft.Extensions.Caching.Distributed.IDistributedCache>(cache));
        IModelClient client = provider.GetRequiredKeyedService<IModelClient>("m");
        await provider.GetRequiredService<IModelServer>().WaitUntilReadyAsync();
        using var cancellation = new CancellationTokenSource();
        cache.Cancel = cancellation;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await client.InferAsync<float, float>(new float[] { 1, 2 }, new float[2], cancellationToken: cancellation.Token));

        Assert.Equal(0, provider.GetRequiredService<IModelServer>().GetStatus("m").Versions.Single().InFlight);
    }

    /// <summary>A distributed cache whose lookup cancels the caller's token and honours it (a slow Redis round trip).</summary>
    private sealed class CancellingCache : Microsoft.Extensions.Caching.Distributed.IDistributedCache
    {
        public CancellationTokenSource? Cancel { get; set; }

        public byte[]? Get(string key) => null;

        public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
        {
            await (Cancel?.CancelAsync() ?? Task.CompletedTask);
            token.ThrowIfCancellationRequested();
            return null;
        }

        public void Refresh(string key)
        {
        }

        public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

        public void Remove(string key)
        {
        }

        public Task RemoveAsync(string key, CancellationToken token = default) => Task.CompletedTask;

        public void Set(string key, byte[] value, Microsoft.Extensions.Caching.Distributed.DistributedCacheEntryOptions options)
        {
        }

        public Task SetAsync(string key, byte[] value, Microsoft.Extensions.Caching.Distributed.DistributedCacheEntryOptions options, CancellationToken token = default) => Task.CompletedTask;
    }

    private sealed class ShadowSeen : IInferenceObserver
    {
        private int _shadowEvents;

        public int ShadowEvents => Volatile.Read(ref _shadowEvents);

        public void OnInference(in InferenceEvent inference)
        {
            if (inference.ModelVersion == "2" && inference.Outputs[0].GetData<float>()[0] == 6f)
            {
                Interlocked.Increment(ref _shadowEvents);
            }
        }
    }
}
