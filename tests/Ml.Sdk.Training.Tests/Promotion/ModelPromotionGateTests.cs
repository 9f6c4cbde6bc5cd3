using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using Ml.Sdk.Core.Devices;
using Ml.Sdk.Core.Tensors;
using Ml.Sdk.Registry;
using Ml.Sdk.Registry.Tracking;
using Ml.Sdk.Training.Callbacks;
using Ml.Sdk.Training.Onnx;
using Ml.Sdk.Training.Promotion;
using Ml.Sdk.Training.Tests.TestSupport;
using TorchSharp;

namespace Ml.Sdk.Training.Tests.Promotion;

public sealed class ModelPromotionGateTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly SqliteModelRegistry _registry;
    private readonly SqliteExperimentTracker _tracker;
    private readonly ModelPromotionGate _gate;

    public ModelPromotionGateTests()
    {
        IOptions<RegistryOptions> options = Options.Create(new RegistryOptions { RootPath = _folder.Path });
        _registry = new SqliteModelRegistry(options, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<SqliteModelRegistry>.Instance);
        _tracker = new SqliteExperimentTracker(options, TimeProvider.System);
        _gate = new ModelPromotionGate(_registry, new OnnxExporter(), _tracker);
    }

    public void Dispose()
    {
        _registry.Dispose();
        _tracker.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task RegisterIfBetterAsync_FirstModel_RegistersVersionOneAndMakesItChampion()
    {
        using var model = TinyModels.Mlp(seed: 1);
        TrainingResult result = await TrackedFit(model, epochs: 3);

        PromotionDecision decision = await _gate.RegisterIfBetterAsync(model, result, Request());

        Assert.True(decision.Promoted);
        Assert.Equal(1, decision.Version.Version);
        Assert.Null(decision.ChampionVersion);
        ModelVersion champion = await _registry.ResolveAsync("moons@champion");
        Assert.Equal(1, champion.Version);
        Assert.Equal(ModelFormat.Onnx, champion.Format);
        Assert.Equal(result.RunId, champion.Lineage.RunId);
        Assert.Equal(2, champion.Signature!.Inputs[0].Shape[1]);
        Assert.Equal(-1, champion.Signature.Inputs[0].Shape[0]);
        RunDetails run = await _tracker.GetRunAsync(result.RunId!);
        Assert.Equal("promoted", run.Tags[ModelPromotionGate.DecisionTag]);
        Assert.Equal("none", run.Tags["ml_sdk.gate.champion_value"]);
        Assert.Equal(RunStatus.Finished, run.Info.Status);
        Assert.Equal("promoted", champion.Tags[ModelPromotionGate.DecisionTag]);
    }

    [Fact]
    public async Task RegisterIfBetterAsync_FitThatEndedItsRun_RecordsTheDecisionOnTheVersionOnly()
    {
        using var model = TinyModels.Mlp(seed: 1);
        using TrainingData data = TinyModels.Moons(rows: 200);
        FitOptions options = TinyModels.Classification(maxEpochs: 2);
        options.ValidationSplit = 0.2;
        options.ExperimentName = "moons";
        TrainingResult result = await new Trainer(new ComputeDeviceResolver(), _tracker).FitAsync(model, data, options);

        PromotionDecision decision = await _gate.RegisterIfBetterAsync(model, result, Request());

        Assert.True(decision.Promoted);
        Assert.Equal("promoted", decision.Version.Tags[ModelPromotionGate.DecisionTag]);
        RunDetails run = await _tracker.GetRunAsync(result.RunId!);
        Assert.False(run.Tags.ContainsKey(ModelPromotionGate.DecisionTag));
    }

    [Fact]
    public async Task RegisterIfBetterAsync_RegisteredOnnx_GivesTheSamePredictionsInOnnxRuntime()
    {
        using var model = TinyModels.Mlp(seed: 1);
        TrainingResult result = await TrackedFit(model, epochs: 5);
        PromotionDecision decision = await _gate.RegisterIfBetterAsync(model, result, Request());
        string path = await _registry.GetVerifiedArtifactPathAsync("moons", decision.Version.Version, "model.onnx");
        (float[] features, _) = TwoMoons.Generate(50, 0.1, 77);

        using var session = new InferenceSession(path);
        using var input = OrtValue.CreateTensorValueFromMemory(features, [50, 2]);
        using IDisposableReadOnlyCollection<OrtValue> outputs = session.Run(new RunOptions(), ["input"], [input], ["output"]);
        float[] onnx = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        float[] torchOut;
        using (torch.no_grad())
        {
            model.eval();
            using torch.Tensor y = model.call(torch.tensor(features, [50, 2]));
            torchOut = y.data<float>().ToArray();
        }

        Assert.Equal(torchOut.Length, onnx.Length);
        for (int i = 0; i < onnx.Length; i++)
        {
            Assert.True(Math.Abs(onnx[i] - torchOut[i]) <= 1e-4 * Math.Max(1, Math.Abs(torchOut[i])), $"output {i}: {onnx[i]} vs {torchOut[i]}");
        }
    }

    [Fact]
    public async Task RegisterIfBetterAsync_WorseCandidate_RegistersButLeavesTheChampion()
    {
        using var good = TinyModels.Mlp(seed: 1);
        TrainingResult goodResult = await TrackedFit(good, epochs: 20);
        await _gate.RegisterIfBetterAsync(good, goodResult, Request());
        using var poor = TinyModels.Mlp(seed: 2);
        TrainingResult poorResult = await TrackedFit(poor, epochs: 1, learningRate: 1e-5);

        PromotionDecision decision = await _gate.RegisterIfBetterAsync(poor, poorResult, Request());

        Assert.False(decision.Promoted);
        Assert.Equal(2, decision.Version.Version);
        Assert.Equal(1, decision.ChampionVersion);
        Assert.Equal(goodResult.FinalMetrics["val_accuracy"], decision.ChampionValue);
        Assert.Equal(1, (await _registry.ResolveAsync("moons@champion")).Version);
        Assert.Equal(1, (await _registry.GetVersionAsync("moons", 2))!.Lineage.ParentVersion);
        RunDetails run = await _tracker.GetRunAsync(poorResult.RunId!);
        Assert.Equal("rejected", run.Tags[ModelPromotionGate.DecisionTag]);
        Assert.Equal(decision.CandidateValue.ToString("R", System.Globalization.CultureInfo.InvariantCulture), run.Tags["ml_sdk.gate.candidate_value"]);
    }

    [Theory]
    [InlineData(0.0, true)]
    [InlineData(0.05, true)]
    [InlineData(0.1, false)]
    [InlineData(0.2, false)]
    public async Task RegisterIfBetterAsync_Margin_PromotesOnlyWhenTheGainIsStrictlyLarger(double margin, bool promoted)
    {
        using var model = TinyModels.Mlp(seed: 1);
        await _gate.RegisterIfBetterAsync(model, Result(0.80), Request());

        PromotionDecision decision = await _gate.RegisterIfBetterAsync(model, Result(0.90), Request() with { MinImprovement = margin });

        Assert.Equal(promoted, decision.Promoted);
        Assert.Equal(promoted ? 2 : 1, (await _registry.ResolveAsync("moons@champion")).Version);
    }

    [Fact]
    public async Task RegisterIfBetterAsync_MinMode_PromotesTheLowerLoss()
    {
        using var model = TinyModels.Mlp(seed: 1);
        await _gate.RegisterIfBetterAsync(model, Result(0.30, "val_loss"), Request() with { Metric = "val_loss", Mode = MonitorMode.Min });

        PromotionDecision lower = await _gate.RegisterIfBetterAsync(model, Result(0.20, "val_loss"), Request() with { Metric = "val_loss", Mode = MonitorMode.Min });
        PromotionDecision higher = await _gate.RegisterIfBetterAsync(model, Result(0.25, "val_loss"), Request() with { Metric = "val_loss", Mode = MonitorMode.Min });

        Assert.True(lower.Promoted);
        Assert.False(higher.Promoted);
        Assert.Equal(2, (await _registry.ResolveAsync("moons@champion")).Version);
    }

    [Fact]
    public async Task RegisterIfBetterAsync_NaNCandidate_IsNotPromoted()
    {
        using var model = TinyModels.Mlp(seed: 1);
        await _gate.RegisterIfBetterAsync(model, Result(0.5), Request());

        PromotionDecision decision = await _gate.RegisterIfBetterAsync(model, Result(double.NaN), Request());

        Assert.False(decision.Promoted);
        Assert.Contains("NaN", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterIfBetterAsync_MetricTheFitDidNotReport_ThrowsAndRegistersNothing()
    {
        using var model = TinyModels.Mlp(seed: 1);

        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(
            () => _gate.RegisterIfBetterAsync(model, Result(0.9), Request() with { Metric = "val_f1_macro" }));

        Assert.Contains("val_f1_macro", ex.Message, StringComparison.Ordinal);
        Assert.Null(await _registry.GetModelAsync("moons"));
    }

    [Fact]
    public async Task RegisterIfBetterAsync_ExtraArtifacts_AreRegisteredNextToTheModel()
    {
        using var model = TinyModels.Mlp(seed: 1);
        byte[] profile = [1, 2, 3, 4, 5];

        PromotionDecision decision = await _gate.RegisterIfBetterAsync(
            model, Result(0.9), Request() with { Artifacts = [ArtifactSource.FromBytes("reference-profile.bin", profile)] });

        await using Stream stored = await _registry.OpenArtifactAsync("moons", decision.Version.Version, "reference-profile.bin");
        using var copy = new MemoryStream();
        await stored.CopyToAsync(copy);
        Assert.Equal(profile, copy.ToArray());
        Assert.NotNull(await _registry.GetVerifiedArtifactPathAsync("moons", decision.Version.Version, "model.onnx"));
    }

    [Theory]
    [InlineData("model.onnx", "other.bin")]
    [InlineData("profile.bin", "profile.bin")]
    public async Task RegisterIfBetterAsync_ClashingArtifactNames_ThrowsAndRegistersNothing(string first, string second)
    {
        using var model = TinyModels.Mlp(seed: 1);

        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(() => _gate.RegisterIfBetterAsync(
            model, Result(0.9), Request() with { Artifacts = [ArtifactSource.FromBytes(first, new byte[] { 1 }), ArtifactSource.FromBytes(second, new byte[] { 2 })] }));

        Assert.Contains(first == "model.onnx" ? "model.onnx" : "profile.bin", ex.Message, StringComparison.Ordinal);
        Assert.Null(await _registry.GetModelAsync("moons"));
    }

    [Fact]
    public async Task RegisterIfBetterAsync_UnexportableModel_ThrowsAndRegistersNothing()
    {
        torch.random.manual_seed(1);
        using var model = torch.nn.Sequential(("embed", torch.nn.Linear(2, 4)), ("rnn", new Unsupported()));

        await Assert.ThrowsAsync<OnnxExportException>(() => _gate.RegisterIfBetterAsync(model, Result(0.9), Request()));

        Assert.Null(await _registry.GetModelAsync("moons"));
    }

    private static PromotionRequest Request() => new()
    {
        ModelName = "moons",
        Export = new OnnxExportOptions { Input = new TensorSpec("input", TensorElementType.Float32, [-1, 2]) },
    };

    private static TrainingResult Result(double value, string metric = "val_accuracy") => new()
    {
        EpochsCompleted = 1,
        GlobalStep = 1,
        StopReason = StopReason.MaxEpochs,
        History = [],
        FinalMetrics = new Dictionary<string, double> { [metric] = value },
        Device = ComputeDevice.Cpu,
    };

    private async Task<TrainingResult> TrackedFit(torch.nn.Module<torch.Tensor, torch.Tensor> model, int epochs, double learningRate = 0.01)
    {
        using TrainingData data = TinyModels.Moons(rows: 300);
        FitOptions options = TinyModels.Classification(maxEpochs: epochs, learningRate: learningRate);
        options.ValidationSplit = 0.2;
        options.ExperimentName = "moons";
        options.EndRun = false;
        return await new Trainer(new ComputeDeviceResolver(), _tracker).FitAsync(model, data, options);
    }

    private sealed class Unsupported() : torch.nn.Module<torch.Tensor, torch.Tensor>("Unsupported")
    {
        public override torch.Tensor forward(torch.Tensor input) => input * 2;
    }
}
