using Microsoft.Extensions.DependencyInjection;
using Ml.Sdk.Serving.TestModels;
using Ml.Sdk.Serving.Tests.TestSupport;

namespace Ml.Sdk.Serving.Tests.Clients;

public sealed class SmokeTests
{
    [Fact]
    public async Task InferAsync_MlpFromFile_MatchesReferenceForward()
    {
        await using var fixture = new ServingFixture();
        string path = fixture.PathFor("mlp.onnx");
        MlpModel mlp = OnnxTestModels.WriteMlp(path, [32, 64, 64, 10], seed: 7);
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("mlp", m => m.FromFile(path)));
        IModelClient client = provider.GetRequiredKeyedService<IModelClient>("mlp");
        float[] input = [.. Enumerable.Range(0, 32 * 3).Select(static i => (float)Math.Sin(i))];
        float[] output = new float[30];
        InferenceResult result = await client.InferAsync<float, float>(input, output);
        Assert.Equal(1, result.Version);
        Assert.Equal(3, result.Rows);
        float[] expected = mlp.Forward(input, 3);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], output[i], 1e-5f);
        }

        // Many concurrent callers: each gets its own rows back.
        var tasks = Enumerable.Range(0, 64).Select(async caller =>
        {
            float[] row = [.. Enumerable.Range(0, 32).Select(i => (float)Math.Cos(i + caller))];
            float[] answer = new float[10];
            for (int repeat = 0; repeat < 20; repeat++)
            {
                await client.InferAsync<float, float>(row, answer);
                float[] reference = mlp.Forward(row, 1);
                for (int i = 0; i < 10; i++)
                {
                    Assert.Equal(reference[i], answer[i], 1e-5f);
                }
            }
        });
        await Task.WhenAll(tasks);
    }
}
