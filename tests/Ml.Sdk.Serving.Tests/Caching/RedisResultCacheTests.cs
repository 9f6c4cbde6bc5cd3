using Microsoft.Extensions.DependencyInjection;
using Ml.Sdk.Serving.TestModels;
using Ml.Sdk.Serving.Tests.TestSupport;

namespace Ml.Sdk.Serving.Tests.Caching;

/// <summary>
/// The distributed result cache on a real Redis (through Microsoft.Extensions.Caching.StackExchangeRedis): two replicas
/// of an app share cached results, and a Redis that goes away costs the cache, never a request.
/// </summary>
public sealed class RedisResultCacheTests
{
    [Fact]
    public async Task InferAsync_TwoReplicasOnOneRedis_SecondReplicaAnswersFromTheFirstOnesResult()
    {
        using RedisTestServer redis = await RedisTestServer.StartAsync();
        await using var fixture = new ServingFixture();
        string path = fixture.PathFor("mlp.onnx");
        MlpModel mlp = OnnxTestModels.WriteMlp(path, [8, 16, 3], seed: 3);
        await using ServiceProvider replicaA = Replica(path, redis);
        await using ServiceProvider replicaB = Replica(path, redis);
        float[] input = [.. Enumerable.Range(0, 16).Select(static i => (float)Math.Sin(i))];
        float[] fromA = new float[6];
        float[] fromB = new float[6];

        InferenceResult first = await Client(replicaA).InferAsync<float, float>(input, fromA);
        InferenceResult second = default;
        for (int attempt = 0; attempt < 100 && !second.FromCache; attempt++)
        {
            // The first replica stores its result without making its caller wait: poll until Redis has it.
            second = await Client(replicaB).InferAsync<float, float>(input, fromB);
            if (!second.FromCache)
            {
                await Task.Delay(50);
            }
        }

        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal(1, second.Version);
        Assert.Equal(fromA, fromB);
        float[] expected = mlp.Forward(input, 2);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], fromB[i], 1e-5f);
        }
    }

    [Fact]
    public async Task InferAsync_RedisGone_RunsTheModelAndAnswers()
    {
        RedisTestServer redis = await RedisTestServer.StartAsync();
        await using var fixture = new ServingFixture();
        string path = fixture.PathFor("scale.onnx");
        OnnxTestModels.WriteScale(path, 2, 3f);
        await using ServiceProvider replica = Replica(path, redis);
        float[] output = new float[2];
        await Client(replica).InferAsync<float, float>(new float[] { 1, 2 }, output);

        redis.Dispose();

        for (int i = 0; i < 3; i++)
        {
            float x = 10 + i;
            InferenceResult result = await Client(replica).InferAsync<float, float>(new float[] { x, 1 }, output);
            Assert.False(result.FromCache);
            Assert.Equal([3 * x, 3f], output);
        }
    }

    private static IModelClient Client(ServiceProvider provider) => provider.GetRequiredKeyedService<IModelClient>("scored");

    private static ServiceProvider Replica(string path, RedisTestServer redis)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddStackExchangeRedisCache(o => o.Configuration = redis.Configuration);
        services.AddMlServing().AddModel("scored", m =>
        {
            m.FromFile(path);
            m.ResultCache = ResultCacheMode.Distributed;
        });
        return services.BuildServiceProvider();
    }
}
