using Ml.Sdk.Core.Tensors;
using Ml.Sdk.Serving.TestModels;
using Ml.Sdk.Serving.Tests.TestSupport;

namespace Ml.Sdk.Serving.Tests.Clients;

/// <summary>
/// Every request that does not fit the model's signature, through the fast path (<c>InferAsync&lt;TIn, TOut&gt;</c>)
/// and the general path (<c>InferAsync(InferenceRequest)</c>): it fails with <see cref="TensorValidationException"/>
/// naming the offending input or output, no batch runs (no batch-size measurement, no inference observed), and a valid
/// request afterwards is answered correctly.
/// </summary>
public sealed class InferAsyncValidationTests
{
    private const int MaxBatch = 8;
    private const int Features = 4;
    private const int Classes = 3;
    private const string ValidRequestId = "valid-after-rejection";

    [Fact]
    public async Task InferAsyncFast_DoubleInputForFloatModel_ThrowsNamingInputAndRunsNothing()
    {
        await using MlpScenario s = await MlpScenario.StartAsync();
        await s.AssertRejectedAsync(
            () => s.Host.Client.InferAsync<double, float>(new double[2 * Features], new float[2 * Classes]).AsTask(),
            MlpModel.InputName,
            "float64");
    }

    [Fact]
    public async Task InferAsyncFast_IntInputForFloatModel_ThrowsNamingInputAndRunsNothing()
    {
        await using MlpScenario s = await MlpScenario.StartAsync();
        await s.AssertRejectedAsync(
            () => s.Host.Client.InferAsync<int, float>(new int[2 * Features], new float[2 * Classes]).AsTask(),
            MlpModel.InputName,
            "int32");
    }

    [Fact]
    public async Task InferAsyncGeneral_DoubleInputForFloatModel_ThrowsNamingInputAndRunsNothing()
    {
        await using MlpScenario s = await MlpScenario.StartAsync();
        var request = new InferenceRequest().AddInput<double>(MlpModel.InputName, new double[2 * Features], 2, Features);
        await s.AssertRejectedAsync(() => s.Host.Client.InferAsync(request).AsTask(), MlpModel.InputName, "float64");
    }

    [Fact]
    public async Task InferAsyncGeneral_IntInputForFloatModel_ThrowsNamingInputAndRunsNothing()
    {
        await using MlpScenario s = await MlpScenario.StartAsync();
        var request = new InferenceRequest().AddInput<int>(MlpModel.InputName, new int[2 * Features], 2, Features);
        await s.AssertRejectedAsync(() => s.Host.Client.InferAsync(request).AsTask(), MlpModel.InputName, "int32");
    }

    [Fact]
    public async Task InferAsyncGeneral_Int32IdsForInt64Input_ThrowsNamingIdsAndRunsNothing()
    {
        await using TwoInputScenario s = await TwoInputScenario.StartAsync();
        var request = new InferenceRequest()
            .AddInput<float>("x", new float[2 * 3], 2, 3)
            .AddInput<int>("ids", new int[2], 2, 1);
        await s.AssertRejectedAsync(() => s.Host.Client.InferAsync(request).AsTask(), "ids", "int32");
    }

    [Fact]
    public async Task InferAsyncGeneral_UnknownInputName_ThrowsNamingUnknownInputAndRunsNothing()
    {
        await using MlpScenario s = await MlpScenario.StartAsync();
        var request = new InferenceRequest()
            .AddInput<float>(MlpModel.InputName, new float[2 * Features], 2, Features)
            .AddInput<float>("pixels", new float[2 * Features], 2, Features);
        await s.AssertRejectedAsync(() => s.Host.Client.InferAsync(request).AsTask(), "pixels");
    }

    [Fact]
    public async Task InferAsyncGeneral_MissingInput_ThrowsNamingMissingInputAndRunsNothing()
    {
        await using TwoInputScenario s = await TwoInputScenario.StartAsync();
        var request = new InferenceRequest().AddInput<float>("x", new float[2 * 3], 2, 3);
        await s.AssertRejectedAsync(() => s.Host.Client.InferAsync(request).AsTask(), "ids", "missing");
    }

    [Fact]
    public async Task InferAsyncGeneral_InputGivenTwice_ThrowsNamingInputAndRunsNothing()
    {
        await using MlpScenario s = await MlpScenario.StartAsync();
        var request = new InferenceRequest()
            .AddInput<float>(MlpModel.InputName, new float[2 * Features], 2, Features)
            .AddInput<float>(MlpModel.InputName, new float[2 * Features], 2, Features);
        await s.AssertRejectedAsync(() => s.Host.Client.InferAsync(request).AsTask(), MlpModel.InputName, "more than once");
    }

    [Fact]
    public async Task InferAsyncGeneral_WrongRank_ThrowsNamingInputAndRunsNothing()
    {
        await using MlpScenario s = await MlpScenario.StartAsync();
        var request = new InferenceRequest().AddInput<float>(MlpModel.InputName, new float[2 * Features], 2 * Features);
        await s.AssertRejectedAsync(() => s.Host.Client.InferAsync(request).AsTask(), MlpModel.InputName, "rank 1");
    }

    [Fact]
    public async Task InferAsyncGeneral_WrongFeatureDimension_ThrowsNamingInputAndDimensionAndRunsNothing()
    {
        await using MlpScenario s = await MlpScenario.StartAsync();
        var request = new InferenceRequest().AddInput<float>(MlpModel.InputName, new float[2 * (Features + 1)], 2, Features + 1);
        TensorValidationException error = await s.AssertRejectedAsync(() => s.Host.Client.InferAsync(request).AsTask(), MlpModel.InputName);
        Assert.Equal(1, error.Dimension);
    }

    [Fact]
    public async Task InferAsyncFast_TwoRowsForFixedBatchOfOne_ThrowsNamingInputAndRunsNothing()
    {
        await using FixedBatchScenario s = await FixedBatchScenario.StartAsync();
        TensorValidationException error = await s.AssertRejectedAsync(
            () => s.Host.Client.InferAsync<float, float>(new float[2 * FixedBatchScenario.Width], new float[2 * FixedBatchScenario.Width]).AsTask(),
            "x");
        Assert.Equal(0, error.Dimension);
    }

    [Fact]
    public async Task InferAsyncGeneral_TwoRowsForFixedBatchOfOne_ThrowsNamingInputAndRunsNothing()
    {
        await using FixedBatchScenario s = await FixedBatchScenario.StartAsync();
        var request = new InferenceRequest().AddInput<float>("x", new float[2 * FixedBatchScenario.Width], 2, FixedBatchScenario.Width);
        TensorValidationException error = await s.AssertRejectedAsync(() => s.Host.Client.InferAsync(request).AsTask(), "x");
        Assert.Equal(0, error.Dimension);
    }

    [Fact]
    public async Task InferAsyncFast_MoreRowsThanMaxBatchSize_ThrowsNamingInputAndRunsNothing()
    {
        await using MlpScenario s = await MlpScenario.StartAsync();
        await s.AssertRejectedAsync(
            () => s.Host.Client.InferAsync<float, float>(new float[(MaxBatch + 1) * Features], new float[(MaxBatch + 1) * Classes]).AsTask(),
            MlpModel.InputName,
            $"({MaxBatch})");
    }

    [Fact]
    public async Task InferAsyncGeneral_MoreRowsThanMaxBatchSize_ThrowsNamingInputAndRunsNothing()
    {
        await using MlpScenario s = await MlpScenario.StartAsync();
        var request = new InferenceRequest().AddInput<float>(MlpModel.InputName, new float[(MaxBatch + 1) * Features], MaxBatch + 1, Features);
        await s.AssertRejectedAsync(() => s.Host.Client.InferAsync(request).AsTask(), MlpModel.InputName, $"({MaxBatch})");
    }

    [Fact]
    public async Task InferAsyncFast_ElementCountNotWholeRows_ThrowsNamingInputAndRunsNothing()
    {
        await using MlpScenario s = await MlpScenario.StartAsync();
        await s.AssertRejectedAsync(
            () => s.Host.Client.InferAsync<float, float>(new float[(2 * Features) + 1], new float[3 * Classes]).AsTask(),
            MlpModel.InputName,
            "whole number of rows");
    }

    [Fact]
    public async Task AddInput_ShapeNotMatchingElementCount_ThrowsNamingInputAndRunsNothing()
    {
        await using MlpScenario s = await MlpScenario.StartAsync();
        await s.AssertRejectedAsync(
            () =>
            {
                new InferenceRequest().AddInput<float>(MlpModel.InputName, new float[(2 * Features) + 1], 2, Features);
                return Task.CompletedTask;
            },
            MlpModel.InputName,
            reachesClient: false);
    }

    [Fact]
    public async Task InferAsyncFast_ZeroRows_ThrowsNamingInputAndRunsNothing()
    {
        await using MlpScenario s = await MlpScenario.StartAsync();
        await s.AssertRejectedAsync(
            () => s.Host.Client.InferAsync<float, float>(ReadOnlyMemory<float>.Empty, new float[Classes]).AsTask(),
            MlpModel.InputName,
            "no rows");
    }

    [Fact]
    public async Task InferAsyncGeneral_ZeroRows_ThrowsNamingInputAndRunsNothing()
    {
        await using MlpScenario s = await MlpScenario.StartAsync();
        var request = new InferenceRequest().AddInput<float>(MlpModel.InputName, ReadOnlyMemory<float>.Empty, 0, Features);
        await s.AssertRejectedAsync(() => s.Host.Client.InferAsync(request).AsTask(), MlpModel.InputName, "no rows");
    }

    [Fact]
    public async Task InferAsyncFast_OutputBufferTooSmall_ThrowsNamingOutputAndRunsNothing()
    {
        await using MlpScenario s = await MlpScenario.StartAsync();
        await s.AssertRejectedAsync(
            () => s.Host.Client.InferAsync<float, float>(new float[2 * Features], new float[(2 * Classes) - 1]).AsTask(),
            MlpModel.OutputName);
    }

    [Fact]
    public async Task InferAsyncGeneral_OutputBufferTooSmall_ThrowsNamingOutputAndRunsNothing()
    {
        await using MlpScenario s = await MlpScenario.StartAsync();
        var request = new InferenceRequest()
            .AddInput<float>(MlpModel.InputName, new float[2 * Features], 2, Features)
            .WithOutput<float>(MlpModel.OutputName, new float[(2 * Classes) - 1]);
        await s.AssertRejectedAsync(() => s.Host.Client.InferAsync(request).AsTask(), MlpModel.OutputName);
    }

    [Fact]
    public async Task InferAsyncFast_OutputBufferOfDoubles_ThrowsNamingOutputAndRunsNothing()
    {
        await using MlpScenario s = await MlpScenario.StartAsync();
        await s.AssertRejectedAsync(
            () => s.Host.Client.InferAsync<float, double>(new float[2 * Features], new double[2 * Classes]).AsTask(),
            MlpModel.OutputName,
            "float64");
    }

    [Fact]
    public async Task InferAsyncGeneral_OutputBufferOfDoubles_ThrowsNamingOutputAndRunsNothing()
    {
        await using MlpScenario s = await MlpScenario.StartAsync();
        var request = new InferenceRequest()
            .AddInput<float>(MlpModel.InputName, new float[2 * Features], 2, Features)
            .WithOutput<double>(MlpModel.OutputName, new double[2 * Classes]);
        await s.AssertRejectedAsync(() => s.Host.Client.InferAsync(request).AsTask(), MlpModel.OutputName, "float64");
    }

    [Fact]
    public async Task InferAsyncGeneral_UnknownOutputName_ThrowsNamingOutputAndRunsNothing()
    {
        await using MlpScenario s = await MlpScenario.StartAsync();
        var request = new InferenceRequest()
            .AddInput<float>(MlpModel.InputName, new float[2 * Features], 2, Features)
            .WithOutput<float>("probabilities", new float[2 * Classes]);
        await s.AssertRejectedAsync(() => s.Host.Client.InferAsync(request).AsTask(), "probabilities");
    }

    [Fact]
    public async Task InferAsyncGeneral_InputsWithDifferentRowCounts_ThrowsNamingInputAndRunsNothing()
    {
        await using TwoInputScenario s = await TwoInputScenario.StartAsync();
        var request = new InferenceRequest()
            .AddInput<float>("x", new float[2 * 3], 2, 3)
            .AddInput<long>("ids", new long[3], 3, 1);
        await s.AssertRejectedAsync(() => s.Host.Client.InferAsync(request).AsTask(), "ids", "same batch size");
    }

    [Fact]
    public async Task InferAsyncFast_ModelWithTwoInputs_ThrowsNamingTheInputsAndRunsNothing()
    {
        await using TwoInputScenario s = await TwoInputScenario.StartAsync();
        TensorValidationException error = await s.AssertRejectedAsync(
            () => s.Host.Client.InferAsync<float, float>(new float[2 * 3], new float[2 * 3]).AsTask(),
            "x",
            "2 input(s)");
        Assert.Contains("ids", error.Message, StringComparison.Ordinal);
        Assert.Contains("InferenceRequest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InferAsyncFast_ModelWithDynamicFeatures_ThrowsNamingInputAndRunsNothing()
    {
        await using DynamicFeaturesScenario s = await DynamicFeaturesScenario.StartAsync();
        await s.AssertRejectedAsync(
            () => s.Host.Client.InferAsync<float, float>(new float[6], new float[6]).AsTask(),
            "x",
            "dynamic dimensions");
    }

    [Fact]
    public async Task InferAsyncGeneral_OutputBufferTooSmallForUnbatchedModel_ThrowsNamingOutputAndKeepsServing()
    {
        // An unbatched model's output shape is known only once it has run: the request runs, then fails.
        await using DynamicFeaturesScenario s = await DynamicFeaturesScenario.StartAsync();
        var request = new InferenceRequest()
            .AddInput<float>("x", new float[] { 1, 2, 3, 4 }, 2, 2)
            .WithOutput<float>("y", new float[3]);

        TensorValidationException error = await Assert.ThrowsAsync<TensorValidationException>(() => s.Host.Client.InferAsync(request).AsTask());

        Assert.Equal("y", error.TensorName);
        Assert.Contains("'y'", error.Message, StringComparison.Ordinal);
        var valid = new InferenceRequest().AddInput<float>("x", new float[] { 1, 2, 3, 4 }, 2, 2).WithOutput<float>("y", new float[4]);
        using InferenceResponse response = await s.Host.Client.InferAsync(valid);
        Assert.Equal([2f, 4f, 6f, 8f], response["y"].GetData<float>().ToArray());
        Assert.Equal(0, s.Host.Version.InFlight);
    }

    /// <summary>A served model, a batch-size collector, and how to send one valid request to it.</summary>
    private abstract class Scenario : IAsyncDisposable
    {
        private readonly RequestsMetrics _metrics = new();

        public RequestsHost Host { get; protected set; } = null!;

        /// <summary>Asserts the rejection, then that a valid request still works and that it is the only thing that ran.</summary>
        /// <param name="send">Sends the invalid request.</param>
        /// <param name="offendingName">The input or output the exception must name.</param>
        /// <param name="alsoInMessage">Text the message must also hold.</param>
        /// <param name="reachesClient">Whether the request gets as far as the client (which counts it as a failure).</param>
        public async Task<TensorValidationException> AssertRejectedAsync(
            Func<Task> send, string offendingName, string? alsoInMessage = null, bool reachesClient = true)
        {
            TensorValidationException error = await Assert.ThrowsAsync<TensorValidationException>(send);
            Assert.Equal(offendingName, error.TensorName);
            Assert.Contains($"'{offendingName}'", error.Message, StringComparison.Ordinal);
            if (alsoInMessage is not null)
            {
                Assert.Contains(alsoInMessage, error.Message, StringComparison.Ordinal);
            }

            Assert.Equal(reachesClient ? 1 : 0, _metrics.Failures(Host.ModelName, "validation"));

            int rows = await SendValidAsync(new InferenceOptions { RequestId = ValidRequestId });

            // The valid request's batch is the only one; had the rejected one run, its batch and its inference (which
            // the observer queue publishes in order) would come first.
            Assert.Equal([rows], _metrics.BatchSizes(Host.ModelName));
            await Host.Observer!.WaitForRequestAsync(ValidRequestId);
            RecordingObserver.ObservedInference only = Assert.Single(Host.Observer.Snapshot());
            Assert.Equal(ValidRequestId, only.RequestId);
            Assert.Equal(0, Host.Version.InFlight);
            return error;
        }

        /// <summary>Sends a valid request, checks its outputs, and returns its rows.</summary>
        protected abstract Task<int> SendValidAsync(InferenceOptions options);

        public async ValueTask DisposeAsync()
        {
            _metrics.Dispose();
            if (Host is not null)
            {
                await Host.DisposeAsync();
            }
        }
    }

    private sealed class MlpScenario : Scenario
    {
        private MlpModel _mlp = null!;

        public static async Task<MlpScenario> StartAsync()
        {
            var scenario = new MlpScenario();
            scenario.Host = await RequestsHost.StartAsync(
                "mlp",
                path => scenario._mlp = OnnxTestModels.WriteMlp(path, [Features, 8, Classes], seed: 11),
                static model => model.MaxBatchSize = MaxBatch);
            return scenario;
        }

        protected override async Task<int> SendValidAsync(InferenceOptions options)
        {
            float[] input = RequestsData.Rows(2, Features, seed: 5);
            float[] output = new float[2 * Classes];
            InferenceResult result = await Host.Client.InferAsync<float, float>(input, output, options);
            Assert.Equal(2, result.Rows);
            RequestsData.AssertClose(_mlp.Forward(input, 2), output);
            return 2;
        }
    }

    private sealed class TwoInputScenario : Scenario
    {
        public static async Task<TwoInputScenario> StartAsync()
        {
            var scenario = new TwoInputScenario();
            scenario.Host = await RequestsHost.StartAsync("two-inputs", OnnxTestModels.WriteTwoInputs);
            return scenario;
        }

        protected override async Task<int> SendValidAsync(InferenceOptions options)
        {
            var request = new InferenceRequest { Options = options }
                .AddInput<float>("x", new float[] { 1, 2, 3 }, 1, 3)
                .AddInput<long>("ids", new long[] { 2 }, 1, 1);
            using InferenceResponse response = await Host.Client.InferAsync(request);
            Assert.Equal([2f, 4f, 6f], response["y"].GetData<float>().ToArray());
            Assert.Equal([12f], response["sum"].GetData<float>().ToArray());
            return 1;
        }
    }

    private sealed class FixedBatchScenario : Scenario
    {
        public const int Width = 3;

        public static async Task<FixedBatchScenario> StartAsync()
        {
            var scenario = new FixedBatchScenario();
            scenario.Host = await RequestsHost.StartAsync("fixed-batch", static path => OnnxTestModels.WriteFixedBatch(path, Width, 3f));
            return scenario;
        }

        protected override async Task<int> SendValidAsync(InferenceOptions options)
        {
            float[] output = new float[Width];
            InferenceResult result = await Host.Client.InferAsync<float, float>(new float[] { 1, -2, 0.5f }, output, options);
            Assert.Equal(1, result.Rows);
            Assert.Equal([3f, -6f, 1.5f], output);
            return 1;
        }
    }

    private sealed class DynamicFeaturesScenario : Scenario
    {
        public static async Task<DynamicFeaturesScenario> StartAsync()
        {
            var scenario = new DynamicFeaturesScenario();
            scenario.Host = await RequestsHost.StartAsync("dynamic-features", OnnxTestModels.WriteDynamicFeatures);
            return scenario;
        }

        protected override async Task<int> SendValidAsync(InferenceOptions options)
        {
            var request = new InferenceRequest { Options = options }.AddInput<float>("x", new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
            using InferenceResponse response = await Host.Client.InferAsync(request);
            Assert.Equal(new long[] { 2, 3 }, response["y"].Shape.ToArray());
            Assert.Equal([2f, 4f, 6f, 8f, 10f, 12f], response["y"].GetData<float>().ToArray());
            return 2;
        }
    }
}
