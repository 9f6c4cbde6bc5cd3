using Ml.Sdk.Serving.TestModels;
using Ml.Sdk.Serving.Tests.TestSupport;

namespace Ml.Sdk.Serving.Tests.Clients;

/// <summary>
/// The fast path (<c>InferAsync&lt;TIn, TOut&gt;</c>) allocates nothing per call: a lone caller's requests run inline on
/// its thread, so that thread's allocation counter covers each whole request. The bound is generous (a few bytes per
/// call on average, far below one object) to stay clear of one-off runtime allocations.
/// </summary>
/// <remarks>
/// In the non-parallel collection: a metric or activity listener left by another test would itself allocate on the
/// serving path.
/// </remarks>
[Collection(RequestsUnderLoad.Name)]
public sealed class FastPathAllocationTests
{
    private const int WarmUpCalls = 300;
    private const int MeasuredCalls = 1000;
    private const long BytesPerCallBound = 64;

    public static TheoryData<string> Options => ["none", "shared"];

    [Theory]
    [MemberData(nameof(Options))]
    public async Task InferAsyncFast_LoneCallerAfterWarmUp_AllocatesNothingPerCall(string optionsKind)
    {
        MlpModel mlp = null!;
        await using RequestsHost host = await RequestsHost.StartAsync(
            "mlp",
            path => mlp = OnnxTestModels.WriteMlp(path, [32, 64, 10], seed: 71),
            observe: false);
        InferenceOptions? options = optionsKind == "shared"
            ? new InferenceOptions { RequestId = "shared", Priority = RequestPriority.High, RoutingKey = "customer-7" }
            : null;
        float[] input = RequestsData.Rows(2, mlp.InputWidth, seed: 1);
        float[] output = new float[2 * mlp.OutputWidth];
        IModelClient client = host.Client;

        for (int i = 0; i < WarmUpCalls; i++)
        {
            await client.InferAsync<float, float>(input, output, options);
        }

        Array.Clear(output);
        int inline = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < MeasuredCalls; i++)
        {
            ValueTask<InferenceResult> call = client.InferAsync<float, float>(input, output, options);
            inline += call.IsCompletedSuccessfully ? 1 : 0;
            await call;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Every call ran inline on this thread, so the counter saw all of its work.
        Assert.Equal(MeasuredCalls, inline);
        Assert.True(
            allocated < BytesPerCallBound * MeasuredCalls,
            $"{MeasuredCalls} calls allocated {allocated} bytes ({(double)allocated / MeasuredCalls:F1} per call).");
        RequestsData.AssertClose(mlp.Forward(input, 2), output);
    }
}
