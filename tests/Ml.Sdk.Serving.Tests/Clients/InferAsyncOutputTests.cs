using System.Numerics.Tensors;
using Ml.Sdk.Core.Tensors;
using Ml.Sdk.Serving.TestModels;
using Ml.Sdk.Serving.Tests.TestSupport;

namespace Ml.Sdk.Serving.Tests.Clients;

/// <summary>
/// What the client paths return: MLP outputs against <see cref="MlpModel.Forward"/> for 1, 7 and the largest batch,
/// the general path's pooled outputs (data, tensor span, tensor copy, shape) and caller buffers, tensor inputs, the
/// two-input model's known values, and the unbatched models (fixed batch of one, dynamic features).
/// </summary>
public sealed class InferAsyncOutputTests
{
    private const int MaxBatch = 32;
    private static readonly int[] s_layers = [32, 64, 64, 10];

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(MaxBatch)]
    public async Task InferAsyncFast_MlpRows_MatchReferenceForward(int rows)
    {
        MlpModel mlp = null!;
        await using RequestsHost host = await StartMlpAsync(path => mlp = OnnxTestModels.WriteMlp(path, s_layers, seed: 21));
        float[] input = RequestsData.Rows(rows, mlp.InputWidth, seed: rows);
        float[] output = new float[rows * mlp.OutputWidth];

        InferenceResult result = await host.Client.InferAsync<float, float>(input, output);

        Assert.Equal(new InferenceResult(host.ModelName, 1, rows, FromCache: false), result);
        RequestsData.AssertClose(mlp.Forward(input, rows), output);
    }

    [Fact]
    public async Task InferAsyncFast_OutputBufferLargerThanNeeded_WritesOnlyTheRequestRows()
    {
        MlpModel mlp = null!;
        await using RequestsHost host = await StartMlpAsync(path => mlp = OnnxTestModels.WriteMlp(path, s_layers, seed: 21));
        float[] input = RequestsData.Rows(3, mlp.InputWidth, seed: 2);
        float[] output = new float[5 * mlp.OutputWidth];
        Array.Fill(output, float.NaN);

        InferenceResult result = await host.Client.InferAsync<float, float>(input, output);

        Assert.Equal(3, result.Rows);
        RequestsData.AssertClose(mlp.Forward(input, 3), output.AsSpan(0, 3 * mlp.OutputWidth));
        Assert.All(output[(3 * mlp.OutputWidth)..], static value => Assert.True(float.IsNaN(value)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(MaxBatch)]
    public async Task InferAsyncGeneral_MlpRows_PooledOutputMatchesReferenceForward(int rows)
    {
        MlpModel mlp = null!;
        await using RequestsHost host = await StartMlpAsync(path => mlp = OnnxTestModels.WriteMlp(path, s_layers, seed: 22));
        float[] input = RequestsData.Rows(rows, mlp.InputWidth, seed: 100 + rows);
        float[] expected = mlp.Forward(input, rows);
        var request = new InferenceRequest().AddInput<float>(MlpModel.InputName, input, rows, mlp.InputWidth);

        Tensor<float> copy;
        using (InferenceResponse response = await host.Client.InferAsync(request))
        {
            Assert.Equal(host.ModelName, response.ModelName);
            Assert.Equal(1, response.Version);
            Assert.False(response.FromCache);
            InferenceOutput logits = Assert.Single(response.Outputs);
            Assert.Same(logits, response[MlpModel.OutputName]);
            Assert.Equal(MlpModel.OutputName, logits.Name);
            Assert.Equal(TensorElementType.Float32, logits.ElementType);
            Assert.Equal(new long[] { rows, mlp.OutputWidth }, logits.Shape.ToArray());
            RequestsData.AssertClose(expected, logits.GetData<float>());

            ReadOnlyTensorSpan<float> span = logits.AsTensorSpan<float>();
            Assert.Equal(new nint[] { rows, mlp.OutputWidth }, span.Lengths.ToArray());
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < mlp.OutputWidth; c++)
                {
                    Assert.Equal(expected[(r * mlp.OutputWidth) + c], span[[r, c]], RequestsData.Tolerance);
                }
            }

            copy = logits.ToTensor<float>();
        }

        // The copy outlives the response and its pooled buffer.
        Assert.Equal(new nint[] { rows, mlp.OutputWidth }, copy.Lengths.ToArray());
        float[] flattened = new float[copy.FlattenedLength];
        copy.FlattenTo(flattened);
        RequestsData.AssertClose(expected, flattened);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(MaxBatch)]
    public async Task InferAsyncGeneral_WithOutput_WritesIntoCallerBuffer(int rows)
    {
        MlpModel mlp = null!;
        await using RequestsHost host = await StartMlpAsync(path => mlp = OnnxTestModels.WriteMlp(path, s_layers, seed: 23));
        float[] input = RequestsData.Rows(rows, mlp.InputWidth, seed: 200 + rows);
        float[] destination = new float[rows * mlp.OutputWidth];
        var request = new InferenceRequest()
            .AddInput<float>(MlpModel.InputName, input, rows, mlp.InputWidth)
            .WithOutput<float>(MlpModel.OutputName, destination);

        using InferenceResponse response = await host.Client.InferAsync(request);

        float[] expected = mlp.Forward(input, rows);
        RequestsData.AssertClose(expected, destination);
        RequestsData.AssertClose(expected, response[MlpModel.OutputName].GetData<float>());
        Assert.Equal(new long[] { rows, mlp.OutputWidth }, response[MlpModel.OutputName].Shape.ToArray());
    }

    [Fact]
    public async Task InferAsyncGeneral_TensorInput_MatchesReferenceForward()
    {
        MlpModel mlp = null!;
        await using RequestsHost host = await StartMlpAsync(path => mlp = OnnxTestModels.WriteMlp(path, s_layers, seed: 24));
        float[] values = RequestsData.Rows(5, mlp.InputWidth, seed: 9);
        Tensor<float> tensor = Tensor.Create(values, [5, mlp.InputWidth]);

        using InferenceResponse response = await host.Client.InferAsync(new InferenceRequest().AddInput(MlpModel.InputName, tensor));

        RequestsData.AssertClose(mlp.Forward(values, 5), response[MlpModel.OutputName].GetData<float>());
    }

    [Fact]
    public async Task InferAsyncGeneral_TwoInputs_ReturnsScaledRowsAndRowSums()
    {
        await using RequestsHost host = await RequestsHost.StartAsync("two-inputs", OnnxTestModels.WriteTwoInputs, observe: false);
        var request = new InferenceRequest()
            .AddInput<float>("x", new float[] { 1, 2, 3, -1, 0.5f, 4 }, 2, 3)
            .AddInput<long>("ids", new long[] { 3, -2 }, 2, 1);

        using InferenceResponse response = await host.Client.InferAsync(request);

        Assert.Equal(["y", "sum"], response.Outputs.Select(static o => o.Name));
        Assert.Equal(new long[] { 2, 3 }, response["y"].Shape.ToArray());
        Assert.Equal(new long[] { 2, 1 }, response["sum"].Shape.ToArray());
        Assert.Equal([3f, 6f, 9f, 2f, -1f, -8f], response["y"].GetData<float>().ToArray());
        Assert.Equal([18f, -7f], response["sum"].GetData<float>().ToArray());
    }

    [Fact]
    public async Task InferAsyncGeneral_TwoInputsOneOutputToCallerBuffer_WritesItAndPoolsTheOther()
    {
        await using RequestsHost host = await RequestsHost.StartAsync("two-inputs", OnnxTestModels.WriteTwoInputs, observe: false);
        float[] sums = new float[3];
        var request = new InferenceRequest()
            .AddInput<long>("ids", new long[] { 1, 0, 10 }, 3, 1)
            .AddInput<float>("x", new float[] { 1, 1, 1, 5, 6, 7, 0.5f, 0.25f, -1 }, 3, 3)
            .WithOutput<float>("sum", sums);

        using InferenceResponse response = await host.Client.InferAsync(request);

        Assert.Equal([3f, 0f, -2.5f], sums);
        Assert.Equal([3f, 0f, -2.5f], response["sum"].GetData<float>().ToArray());
        Assert.Equal([1f, 1f, 1f, 0f, 0f, 0f, 5f, 2.5f, -10f], response["y"].GetData<float>().ToArray());
    }

    [Fact]
    public async Task InferAsyncFast_FixedBatchModel_ReturnsScaledRow()
    {
        await using RequestsHost host = await RequestsHost.StartAsync("fixed-batch", static path => OnnxTestModels.WriteFixedBatch(path, 4, -0.5f), observe: false);
        float[] output = new float[4];

        InferenceResult result = await host.Client.InferAsync<float, float>(new float[] { 2, -4, 1, 0 }, output);

        Assert.Equal(1, result.Rows);
        Assert.Equal([-1f, 2f, -0.5f, 0f], output);
        Assert.False(host.Version.IsBatched);
    }

    [Fact]
    public async Task InferAsyncGeneral_FixedBatchModel_ReturnsScaledRowWithItsShape()
    {
        await using RequestsHost host = await RequestsHost.StartAsync("fixed-batch", static path => OnnxTestModels.WriteFixedBatch(path, 4, 3f), observe: false);
        var request = new InferenceRequest().AddInput<float>("x", new float[] { 1, 2, 3, 4 }, 1, 4);

        using InferenceResponse response = await host.Client.InferAsync(request);

        Assert.Equal(new long[] { 1, 4 }, response["y"].Shape.ToArray());
        Assert.Equal([3f, 6f, 9f, 12f], response["y"].GetData<float>().ToArray());
    }

    [Fact]
    public async Task InferAsyncGeneral_DynamicFeaturesModel_DoublesInputsOfEveryShape()
    {
        await using RequestsHost host = await RequestsHost.StartAsync("dynamic-features", OnnxTestModels.WriteDynamicFeatures, observe: false);
        Assert.False(host.Version.IsBatched);

        foreach ((int rows, int width) in new[] { (1, 5), (3, 2), (2, 7) })
        {
            float[] input = RequestsData.Rows(rows, width, seed: (rows * 10) + width);
            float[] destination = new float[rows * width];
            var pooled = new InferenceRequest().AddInput<float>("x", input, rows, width);
            var intoBuffer = new InferenceRequest().AddInput<float>("x", input, rows, width).WithOutput<float>("y", destination);

            using InferenceResponse response = await host.Client.InferAsync(pooled);
            using InferenceResponse buffered = await host.Client.InferAsync(intoBuffer);

            float[] expected = [.. input.Select(static v => v * 2)];
            Assert.Equal(new long[] { rows, width }, response["y"].Shape.ToArray());
            Assert.Equal(expected, response["y"].GetData<float>().ToArray());
            Assert.Equal(expected, destination);
        }
    }

    [Fact]
    public async Task GetData_AfterResponseDisposed_ThrowsObjectDisposed()
    {
        MlpModel mlp = null!;
        await using RequestsHost host = await StartMlpAsync(path => mlp = OnnxTestModels.WriteMlp(path, s_layers, seed: 25));
        InferenceResponse response = await host.Client.InferAsync(
            new InferenceRequest().AddInput<float>(MlpModel.InputName, RequestsData.Rows(2, mlp.InputWidth, seed: 1), 2, mlp.InputWidth));
        InferenceOutput logits = response[MlpModel.OutputName];
        Assert.Equal(2 * mlp.OutputWidth, logits.GetData<float>().Length);

        response.Dispose();

        Assert.Throws<ObjectDisposedException>(() => logits.GetData<float>().Length);
        Assert.Throws<ObjectDisposedException>(() => logits.ToTensor<float>());
        response.Dispose();
    }

    [Fact]
    public async Task GetData_WrongElementType_ThrowsNamingOutput()
    {
        MlpModel mlp = null!;
        await using RequestsHost host = await StartMlpAsync(path => mlp = OnnxTestModels.WriteMlp(path, s_layers, seed: 26));
        using InferenceResponse response = await host.Client.InferAsync(
            new InferenceRequest().AddInput<float>(MlpModel.InputName, RequestsData.Rows(1, mlp.InputWidth, seed: 1), 1, mlp.InputWidth));

        TensorValidationException error = Assert.Throws<TensorValidationException>(() => response[MlpModel.OutputName].GetData<double>().Length);

        Assert.Equal(MlpModel.OutputName, error.TensorName);
        KeyNotFoundException missing = Assert.Throws<KeyNotFoundException>(() => response["probabilities"]);
        Assert.Contains(MlpModel.OutputName, missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSignatureAsync_Mlp_DescribesInputAndOutput()
    {
        await using RequestsHost host = await StartMlpAsync(path => OnnxTestModels.WriteMlp(path, s_layers, seed: 27));

        ModelSignature signature = await host.Client.GetSignatureAsync();

        TensorSpec input = Assert.Single(signature.Inputs);
        TensorSpec output = Assert.Single(signature.Outputs);
        Assert.Equal((MlpModel.InputName, TensorElementType.Float32), (input.Name, input.ElementType));
        Assert.Equal(new long[] { TensorSpec.DynamicDimension, 32 }, input.Shape.ToArray());
        Assert.Equal(new long[] { TensorSpec.DynamicDimension, 10 }, output.Shape.ToArray());
    }

    private static Task<RequestsHost> StartMlpAsync(Action<string> write) =>
        RequestsHost.StartAsync("mlp", write, static model => model.MaxBatchSize = MaxBatch, observe: false);
}
