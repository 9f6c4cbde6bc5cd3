using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Ml.Sdk.Serving.TestModels;
using Ml.Sdk.Serving.Tests.TestSupport;

namespace Ml.Sdk.Serving.Tests.Tracing;

public sealed class ServingActivityTests
{
    [Fact]
    public async Task InferAsync_WithListener_RecordsRequestAndBatchSpans()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = static source => source.Name == ServingTelemetry.Name,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var fixture = new ServingFixture();
        string path = fixture.PathFor("scale.onnx");
        OnnxTestModels.WriteScale(path, 4, 3f);
        ServiceProvider provider = fixture.Build(null, b => b.AddModel("traced", m => m.FromFile(path, version: 5)));
        IModelClient client = provider.GetRequiredKeyedService<IModelClient>("traced");

        float[] output = new float[4];
        await client.InferAsync<float, float>(new float[] { 1, 2, 3, 4 }, output);
        using InferenceResponse response = await client.InferAsync(new InferenceRequest().AddInput<float>("x", new float[] { 1, 1, 1, 1 }, 1, 4));
        await Assert.ThrowsAsync<Ml.Sdk.Core.Tensors.TensorValidationException>(async () => await client.InferAsync<float, float>(new float[3], output));

        Activity[] requests = [.. stopped.Where(static a => a.OperationName == "ml_sdk.serving.request" && (string?)a.GetTagItem(ServingTelemetry.ModelTag) == "traced")];
        Assert.Equal(3, requests.Length);
        Assert.Equal(2, requests.Count(static a => a.GetTagItem(ServingTelemetry.VersionTag) is 5));
        Assert.Single(requests, static a => a.Status == ActivityStatusCode.Error && (string?)a.GetTagItem("error.type") == "TensorValidationException");
        Assert.Equal(2, stopped.Count(static a => a.OperationName == "ml_sdk.serving.batch" && (string?)a.GetTagItem(ServingTelemetry.ModelTag) == "traced"));
        Assert.Equal([3f, 6f, 9f, 12f], output);
    }
}
