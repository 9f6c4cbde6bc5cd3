using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ml.Sdk.Serving.TestModels;
using Ml.Sdk.Serving.Tests.TestSupport;

namespace Ml.Sdk.Serving.Tests.Clients;

/// <summary>
/// Property: however many callers send at once and however many rows each sends, every caller gets exactly its own
/// rows back (its outputs equal <see cref="MlpModel.Forward"/> of its inputs), through either client path.
/// </summary>
public sealed class ConcurrentCallersPropertyTests(ConcurrentCallersPropertyTests.MlpServing serving)
    : IClassFixture<ConcurrentCallersPropertyTests.MlpServing>
{
    private const int MaxBatch = 16;

    [Property(MaxTest = 40)]
    public Property InferAsync_RandomConcurrentCallersAndRowCounts_EachGetsItsOwnRows() =>
        Prop.ForAll(Plans(), plan => RunAsync(plan).GetAwaiter().GetResult());

    private async Task RunAsync(CallerPlan[] plan)
    {
        IModelClient client = serving.Host.Client;
        MlpModel mlp = serving.Mlp;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task[] callers = new Task[plan.Length];
        for (int c = 0; c < plan.Length; c++)
        {
            CallerPlan caller = plan[c];
            callers[c] = Task.Run(async () =>
            {
                await start.Task;
                for (int repeat = 0; repeat < caller.Rows.Length; repeat++)
                {
                    int rows = caller.Rows[repeat];
                    float[] input = RequestsData.Rows(rows, mlp.InputWidth, seed: HashCode.Combine(caller.Seed, repeat));
                    float[] expected = mlp.Forward(input, rows);
                    if (caller.FastPath)
                    {
                        float[] output = new float[rows * mlp.OutputWidth];
                        InferenceResult result = await client.InferAsync<float, float>(input, output);
                        Assert.Equal(rows, result.Rows);
                        RequestsData.AssertClose(expected, output);
                    }
                    else
                    {
                        var request = new InferenceRequest().AddInput<float>(MlpModel.InputName, input, rows, mlp.InputWidth);
                        using InferenceResponse response = await client.InferAsync(request);
                        Assert.Equal(new long[] { rows, mlp.OutputWidth }, response[MlpModel.OutputName].Shape.ToArray());
                        RequestsData.AssertClose(expected, response[MlpModel.OutputName].GetData<float>());
                    }
                }
            });
        }

        start.SetResult();
        await Task.WhenAll(callers);
    }

    private static Arbitrary<CallerPlan[]> Plans()
    {
        Gen<CallerPlan> caller =
            from rows in Gen.Choose(1, MaxBatch).ArrayOf().Where(static r => r.Length is > 0 and <= 8)
            from seed in Gen.Choose(0, int.MaxValue)
            from fastPath in Gen.Elements(true, false)
            select new CallerPlan(rows, seed, fastPath);
        Gen<CallerPlan[]> plan = Gen.Choose(1, 24).SelectMany(count => caller.ArrayOf(count));
        return plan.ToArbitrary();
    }

    /// <summary>One caller: the rows of each of its requests in turn, its data seed and its path.</summary>
    public sealed record CallerPlan(int[] Rows, int Seed, bool FastPath)
    {
        public override string ToString() => $"{(FastPath ? "fast" : "general")} [{string.Join(',', Rows)}] seed {Seed}";
    }

    /// <summary>One MLP served for every case of the property.</summary>
    public sealed class MlpServing : IAsyncLifetime
    {
        public RequestsHost Host { get; private set; } = null!;

        public MlpModel Mlp { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Host = await RequestsHost.StartAsync(
                "mlp-property",
                path => Mlp = OnnxTestModels.WriteMlp(path, [12, 24, 5], seed: 31),
                static model => model.MaxBatchSize = MaxBatch,
                observe: false);

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }
}
