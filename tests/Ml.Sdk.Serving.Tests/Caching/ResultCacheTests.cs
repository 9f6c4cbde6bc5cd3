using Microsoft.Extensions.DependencyInjection;
using Ml.Sdk.Serving.TestModels;
using Ml.Sdk.Serving.Tests.TestSupport;

namespace Ml.Sdk.Serving.Tests.Caching;

/// <summary>
/// The result cache (<see cref="ServedModelOptions.ResultCache"/>): a repeated request is answered from the cache with
/// the same outputs and no batch runs; a request with other inputs (or the same bytes in another shape) runs the
/// model. In memory (the host's <c>IMemoryCache</c>) and distributed (a real <c>MemoryDistributedCache</c>).
/// </summary>
public sealed class ResultCacheTests
{
    private static readonly int[] s_layers = [16, 32, 6];

    [Theory]
    [InlineData(ResultCacheMode.Memory)]
    [InlineData(ResultCacheMode.Distributed)]
    public async Task InferAsyncFast_SameInputTwice_SecondFromCacheWithSameOutputsAndNoBatch(ResultCacheMode mode)
    {
        using var metrics = new RequestsMetrics();
        MlpModel mlp = null!;
        await using RequestsHost host = await StartMlpAsync(mode, path => mlp = OnnxTestModels.WriteMlp(path, s_layers, seed: 51));
        float[] input = RequestsData.Rows(3, mlp.InputWidth, seed: 1);
        float[] first = new float[3 * mlp.OutputWidth];
        float[] second = new float[3 * mlp.OutputWidth];

        InferenceResult miss = await host.Client.InferAsync<float, float>(input, first);
        InferenceResult hit = await host.Client.InferAsync<float, float>(input, second);

        Assert.Equal(new InferenceResult(host.ModelName, 1, 3, FromCache: false), miss);
        Assert.Equal(new InferenceResult(host.ModelName, 1, 3, FromCache: true), hit);
        RequestsData.AssertClose(mlp.Forward(input, 3), first);
        Assert.Equal(first, second);
        Assert.Equal([3], metrics.BatchSizes(host.ModelName));
    }

    [Theory]
    [InlineData(ResultCacheMode.Memory)]
    [InlineData(ResultCacheMode.Distributed)]
    public async Task InferAsyncGeneral_SameInputTwice_SecondFromCacheWithSameOutputsAndNoBatch(ResultCacheMode mode)
    {
        using var metrics = new RequestsMetrics();
        MlpModel mlp = null!;
        await using RequestsHost host = await StartMlpAsync(mode, path => mlp = OnnxTestModels.WriteMlp(path, s_layers, seed: 52));
        float[] input = RequestsData.Rows(2, mlp.InputWidth, seed: 2);
        float[] intoBuffer = new float[2 * mlp.OutputWidth];

        using InferenceResponse miss = await host.Client.InferAsync(new InferenceRequest().AddInput<float>(MlpModel.InputName, input, 2, mlp.InputWidth));
        using InferenceResponse hit = await host.Client.InferAsync(new InferenceRequest().AddInput<float>(MlpModel.InputName, input, 2, mlp.InputWidth));
        using InferenceResponse hitIntoBuffer = await host.Client.InferAsync(
            new InferenceRequest().AddInput<float>(MlpModel.InputName, input, 2, mlp.InputWidth).WithOutput<float>(MlpModel.OutputName, intoBuffer));

        Assert.False(miss.FromCache);
        Assert.True(hit.FromCache);
        Assert.True(hitIntoBuffer.FromCache);
        Assert.Equal(1, hit.Version);
        float[] expected = miss[MlpModel.OutputName].GetData<float>().ToArray();
        RequestsData.AssertClose(mlp.Forward(input, 2), expected);
        Assert.Equal(expected, hit[MlpModel.OutputName].GetData<float>().ToArray());
        Assert.Equal(expected, intoBuffer);
        Assert.Equal(miss[MlpModel.OutputName].Shape.ToArray(), hit[MlpModel.OutputName].Shape.ToArray());
        Assert.Equal([2], metrics.BatchSizes(host.ModelName));
    }

    [Fact]
    public async Task InferAsync_SameRowsThroughTheOtherPath_AnsweredFromCache()
    {
        using var metrics = new RequestsMetrics();
        MlpModel mlp = null!;
        await using RequestsHost host = await StartMlpAsync(ResultCacheMode.Memory, path => mlp = OnnxTestModels.WriteMlp(path, s_layers, seed: 53));
        float[] input = RequestsData.Rows(4, mlp.InputWidth, seed: 3);
        float[] output = new float[4 * mlp.OutputWidth];

        InferenceResult fast = await host.Client.InferAsync<float, float>(input, output);
        using InferenceResponse general = await host.Client.InferAsync(new InferenceRequest().AddInput<float>(MlpModel.InputName, input, 4, mlp.InputWidth));

        Assert.False(fast.FromCache);
        Assert.True(general.FromCache);
        Assert.Equal(output, general[MlpModel.OutputName].GetData<float>().ToArray());
        Assert.Equal([4], metrics.BatchSizes(host.ModelName));
    }

    [Fact]
    public async Task InferAsync_DifferentInput_NotFromCacheAndRunsTheModel()
    {
        using var metrics = new RequestsMetrics();
        MlpModel mlp = null!;
        await using RequestsHost host = await StartMlpAsync(ResultCacheMode.Memory, path => mlp = OnnxTestModels.WriteMlp(path, s_layers, seed: 54));
        float[] input = RequestsData.Rows(1, mlp.InputWidth, seed: 4);
        float[] other = (float[])input.Clone();
        other[^1] += 0.25f;
        float[] output = new float[mlp.OutputWidth];
        float[] otherOutput = new float[mlp.OutputWidth];

        await host.Client.InferAsync<float, float>(input, output);
        InferenceResult result = await host.Client.InferAsync<float, float>(other, otherOutput);

        Assert.False(result.FromCache);
        RequestsData.AssertClose(mlp.Forward(other, 1), otherOutput);
        Assert.NotEqual(output, otherOutput);
        Assert.Equal([1, 1], metrics.BatchSizes(host.ModelName));
    }

    [Fact]
    public async Task InferAsyncGeneral_SameBytesInAnotherShape_NotFromCache()
    {
        using var metrics = new RequestsMetrics();
        await using RequestsHost host = await RequestsHost.StartAsync(
            "dynamic-features",
            OnnxTestModels.WriteDynamicFeatures,
            static model => model.ResultCache = ResultCacheMode.Memory,
            observe: false);
        float[] input = [1, 2, 3, 4, 5, 6];

        using InferenceResponse wide = await host.Client.InferAsync(new InferenceRequest().AddInput<float>("x", input, 2, 3));
        using InferenceResponse tall = await host.Client.InferAsync(new InferenceRequest().AddInput<float>("x", input, 3, 2));
        using InferenceResponse wideAgain = await host.Client.InferAsync(new InferenceRequest().AddInput<float>("x", input, 2, 3));

        Assert.False(tall.FromCache);
        Assert.Equal(new long[] { 3, 2 }, tall["y"].Shape.ToArray());
        Assert.True(wideAgain.FromCache);
        Assert.Equal(new long[] { 2, 3 }, wideAgain["y"].Shape.ToArray());
        Assert.Equal([2f, 4f, 6f, 8f, 10f, 12f], wideAgain["y"].GetData<float>().ToArray());
        Assert.Equal([2, 3], metrics.BatchSizes(host.ModelName));
    }

    [Fact]
    public async Task InferAsync_NoCacheConfigured_RepeatedRequestRunsAgain()
    {
        using var metrics = new RequestsMetrics();
        MlpModel mlp = null!;
        await using RequestsHost host = await StartMlpAsync(ResultCacheMode.None, path => mlp = OnnxTestModels.WriteMlp(path, s_layers, seed: 55));
        float[] input = RequestsData.Rows(1, mlp.InputWidth, seed: 5);
        float[] output = new float[mlp.OutputWidth];

        await host.Client.InferAsync<float, float>(input, output);
        InferenceResult again = await host.Client.InferAsync<float, float>(input, output);

        Assert.False(again.FromCache);
        Assert.Equal([1, 1], metrics.BatchSizes(host.ModelName));
    }

    [Fact]
    public async Task GetClient_DistributedCacheWithoutIDistributedCache_ThrowsNamingWhatIsMissing()
    {
        await using var fixture = new ServingFixture();
        string path = fixture.PathFor("mlp.onnx");
        OnnxTestModels.WriteMlp(path, s_layers, seed: 56);
        ServiceProvider provider = fixture.Build(null, builder => builder.AddModel("cached", m =>
        {
            m.FromFile(path);
            m.ResultCache = ResultCacheMode.Distributed;
        }));

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredKeyedService<IModelClient>("cached"));

        Assert.Contains("IDistributedCache", error.Message, StringComparison.Ordinal);
        Assert.Contains("'cached'", error.Message, StringComparison.Ordinal);
    }

    private static Task<RequestsHost> StartMlpAsync(ResultCacheMode mode, Action<string> write) =>
        RequestsHost.StartAsync(
            "mlp",
            write,
            model => model.ResultCache = mode,
            observe: false,
            services: mode == ResultCacheMode.Distributed ? static services => services.AddDistributedMemoryCache() : null);
}
