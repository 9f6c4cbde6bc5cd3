using Ml.Sdk.Core.Devices;
using Ml.Sdk.Registry.Tracking;
using Ml.Sdk.Training.Callbacks;
using Ml.Sdk.Training.Checkpoints;
using Ml.Sdk.Training.Tests.Search;
using Ml.Sdk.Training.Tests.TestSupport;
using TorchSharp;

namespace Ml.Sdk.Training.Tests.Fitting;

/// <summary>
/// Bad input fails with a clear exception before any step runs, and a failed fit writes nothing: the weights are the
/// same, a <see cref="ModelCheckpoint"/> folder is never created, and no run is recorded in a real tracker.
/// </summary>
public sealed class TrainerBadInputTests : IDisposable
{
    private const string Experiment = "bad-input";

    private readonly TempFolder _folder = new();
    private readonly TemporaryTracker _tracker = new();
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        foreach (IDisposable owned in _owned)
        {
            owned.Dispose();
        }

        _tracker.Dispose();
        _folder.Dispose();
    }

    public static TheoryData<string, string, string[]> BadFits => new()
    {
        { "nan-feature", "data", ["training features", "NaN", "row 3"] },
        { "inf-feature", "data", ["training features", "Infinity", "row 5"] },
        { "nan-target", "data", ["training targets", "NaN", "row 2"] },
        { "label-equals-class-count", "data", ["training labels", "class 2", "row 4", "[0, 1]", "2 outputs"] },
        { "negative-label", "data", ["training labels", "class -1", "row 0", "[0, 1]"] },
        { "validation-label-out-of-range", "options", ["validation labels", "class 7", "row 1", "[0, 1]"] },
        { "float-labels-for-classification", "data", ["Classification", "int64", "Float32"] },
        { "one-output-for-classification", "model", ["one logit per class", "[1, 1]"] },
        { "batch-size-zero", "options", ["FitOptions.BatchSize", "at least 1", "got 0"] },
        { "max-epochs-zero", "options", ["FitOptions.MaxEpochs", "at least 1", "got 0"] },
        { "accumulation-steps-zero", "options", ["FitOptions.AccumulationSteps", "at least 1", "got 0"] },
        { "validation-split-one", "options", ["FitOptions.ValidationSplit", "[0, 1)", "got 1"] },
        { "missing-loss", "options", ["FitOptions.Loss is required"] },
        { "missing-optimizer", "options", ["FitOptions.Optimizer is required"] },
        { "tracking-without-tracker", "options", ["Tracking was asked for", "IExperimentTracker"] },
        { "validation-nan-feature", "options", ["validation features", "NaN", "row 2"] },
        { "validation-float-labels", "options", ["validation labels", "int64", "Float32"] },
        { "validation-streamed", "options", ["Validation data must be held in memory"] },
        { "validation-and-split", "options", ["either FitOptions.Validation or FitOptions.ValidationSplit"] },
        { "split-leaves-no-training-row", "options", ["validation split of 0.99", "leaves 0 for training"] },
        { "regression-output-shape-mismatch", "model", ["outputs [1, 3]", "targets are [1]"] },
        { "max-steps-zero", "options", ["FitOptions.MaxSteps", "got 0"] },
        { "max-time-zero", "options", ["FitOptions.MaxTime", "positive"] },
        { "clip-norm-nan", "options", ["FitOptions.GradientClipNorm", "positive and finite"] },
        { "duplicate-callback-state-key", "options", ["early_stopping:val_loss"] },
    };

    [Theory]
    [MemberData(nameof(BadFits))]
    public async Task FitAsync_BadInput_ThrowsNamingTheProblemAndWritesNothing(string scenario, string paramName, string[] messageParts)
    {
        (torch.nn.Module<torch.Tensor, torch.Tensor> model, TrainingData data, FitOptions options, bool tracked) = Build(scenario);
        float[] before = TrainerFitTests.Flatten(model);
        string checkpoints = _folder.Combine("checkpoints");
        options.Callbacks.Add(new ModelCheckpoint(checkpoints));
        options.ExperimentName = Experiment;
        _ = await _tracker.Tracker.GetOrCreateExperimentAsync(Experiment);
        var trainer = new Trainer(new ComputeDeviceResolver(), tracked ? _tracker.Tracker : null);

        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(() => trainer.FitAsync(model, data, options));

        Assert.Equal(paramName, ex.ParamName);
        Assert.All(messageParts, part => Assert.Contains(part, ex.Message, StringComparison.Ordinal));
        Assert.Equal(before, TrainerFitTests.Flatten(model));
        Assert.False(Directory.Exists(checkpoints), "the ModelCheckpoint folder was created for a failed fit");
        Assert.Empty(await _tracker.Tracker.ListRunsAsync(Experiment));
    }

    [Fact]
    public void FromArrays_LabelsOfAnotherLength_ThrowsNamingBothCounts()
    {
        (float[] features, long[] labels) = TwoMoons.Generate(10, 0.1, 1);

        ArgumentException ex = Assert.Throws<ArgumentException>(() => TrainingData.FromArrays(features, 2, labels[..9]));

        Assert.Equal("labels", ex.ParamName);
        Assert.Contains("10 rows", ex.Message, StringComparison.Ordinal);
        Assert.Contains("holds 9", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromArrays_TargetsOfAnotherLength_ThrowsNamingBothCounts()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => TrainingData.FromArrays(new float[12], 3, new float[5]));

        Assert.Equal("targets", ex.ParamName);
        Assert.Contains("4 rows", ex.Message, StringComparison.Ordinal);
        Assert.Contains("holds 5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromArrays_FeaturesNotAMultipleOfTheFeatureCount_Throws()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => TrainingData.FromArrays(new float[7], 2, new long[3]));

        Assert.Contains("not a multiple of 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromTensors_RowCountsDiffer_ThrowsAndLeavesTheCallersTensorsAlive()
    {
        using torch.Tensor features = torch.zeros(6, 2);
        using torch.Tensor labels = torch.zeros(5, dtype: torch.ScalarType.Int64);

        ArgumentException ex = Assert.Throws<ArgumentException>(() => TrainingData.FromTensors(features, labels));

        Assert.Equal("labels", ex.ParamName);
        Assert.Contains("6 rows", ex.Message, StringComparison.Ordinal);
        Assert.Contains("labels hold 5", ex.Message, StringComparison.Ordinal);

        // The dataset does not own the caller's tensors, so a failed construction must not dispose them.
        Assert.Equal(12, features.numel());
        Assert.Equal(5, labels.numel());
    }

    [Fact]
    public void FromArrays_Empty_ThrowsEmptyDataset()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => TrainingData.FromArrays([], 2, Array.Empty<long>()));

        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromTensors_Empty_ThrowsEmptyDataset()
    {
        using torch.Tensor features = torch.zeros(0, 2);
        using torch.Tensor labels = torch.zeros(0, dtype: torch.ScalarType.Int64);

        ArgumentException ex = Assert.Throws<ArgumentException>(() => TrainingData.FromTensors(features, labels));

        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromTensors_IntegerFeatures_ThrowsNamingTheType()
    {
        using torch.Tensor features = torch.zeros(4, 2, dtype: torch.ScalarType.Int32);
        using torch.Tensor labels = torch.zeros(4, dtype: torch.ScalarType.Int64);

        ArgumentException ex = Assert.Throws<ArgumentException>(() => TrainingData.FromTensors(features, labels));

        Assert.Contains("float32", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Int32", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FitAsync_CheckpointOfAnotherArchitectureWithATracker_RecordsNoRunAndCreatesNoFolder()
    {
        string source = _folder.Combine("source");
        using (var trainedModel = TinyModels.Mlp(seed: 1))
        using (TrainingData sourceData = TinyModels.Moons(rows: 64))
        {
            FitOptions first = TinyModels.Classification(maxEpochs: 1);
            first.Callbacks.Add(new ModelCheckpoint(source, monitor: null));
            _ = await new Trainer(new ComputeDeviceResolver()).FitAsync(trainedModel, sourceData, first);
        }

        using var wider = TinyModels.Mlp(seed: 1, hidden: 24);
        float[] before = TrainerFitTests.Flatten(wider);
        using TrainingData data = TinyModels.Moons(rows: 64);
        FitOptions options = TinyModels.Classification(maxEpochs: 3);
        options.ResumeFrom = Path.Combine(source, ModelCheckpoint.LastFileName);
        options.ExperimentName = Experiment;
        string target = _folder.Combine("target");
        options.Callbacks.Add(new ModelCheckpoint(target));
        _ = await _tracker.Tracker.GetOrCreateExperimentAsync(Experiment);

        CheckpointMismatchException ex = await Assert.ThrowsAsync<CheckpointMismatchException>(
            () => new Trainer(new ComputeDeviceResolver(), _tracker.Tracker).FitAsync(wider, data, options));

        Assert.Equal("fc1.weight", ex.ParameterName);
        Assert.Contains("[16, 2]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("[24, 2]", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, TrainerFitTests.Flatten(wider));
        Assert.False(Directory.Exists(target));
        Assert.Empty(await _tracker.Tracker.ListRunsAsync(Experiment));
    }

    [Fact]
    public async Task FitAsync_UnknownRunId_ThrowsRunNotFoundBeforeAnyStep()
    {
        using var model = TinyModels.Mlp(seed: 1);
        float[] before = TrainerFitTests.Flatten(model);
        using TrainingData data = TinyModels.Moons(rows: 64);
        FitOptions options = TinyModels.Classification(maxEpochs: 1);
        options.RunId = "no-such-run";
        string target = _folder.Combine("target");
        options.Callbacks.Add(new ModelCheckpoint(target));

        await Assert.ThrowsAsync<RunNotFoundException>(
            () => new Trainer(new ComputeDeviceResolver(), _tracker.Tracker).FitAsync(model, data, options));

        Assert.Equal(before, TrainerFitTests.Flatten(model));
        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public async Task FitAsync_EmptyStream_ThrowsBeforeAnyStep()
    {
        using var model = TinyModels.Mlp(seed: 1);
        float[] before = TrainerFitTests.Flatten(model);
        using TrainingData data = TrainingData.FromBatches(static _ => AsyncEnumerable.Empty<TrainingBatch>());
        FitOptions options = TinyModels.Classification(maxEpochs: 2);

        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(
            () => new Trainer(new ComputeDeviceResolver()).FitAsync(model, data, options));

        Assert.Contains("no batch", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, TrainerFitTests.Flatten(model));
    }

    [Fact]
    public async Task FitAsync_StreamedBatchWithALabelOutOfRange_ThrowsNamingTheBatchAndRowBeforeItsStep()
    {
        using var model = TinyModels.Mlp(seed: 1);
        float[] before = TrainerFitTests.Flatten(model);
        using TrainingData data = TrainingData.FromBatches(static _ => OneBatch(labels: [0, 1, 3, 0]));
        FitOptions options = TinyModels.Classification(maxEpochs: 2);

        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(
            () => new Trainer(new ComputeDeviceResolver()).FitAsync(model, data, options));

        Assert.Contains("streamed batch 1 of epoch 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("class 3 at row 2", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, TrainerFitTests.Flatten(model));
    }

    [Fact]
    public async Task FitAsync_StreamWithABadFirstBatchTracked_WritesNoRunAndNoFolder()
    {
        using var model = TinyModels.Mlp(seed: 1);
        using TrainingData data = TrainingData.FromBatches(static _ => OneBatch(labels: [0, 1, 3, 0]));
        FitOptions options = TinyModels.Classification(maxEpochs: 2);
        options.ExperimentName = Experiment;
        string checkpoints = _folder.Combine("checkpoints");
        options.Callbacks.Add(new ModelCheckpoint(checkpoints));
        _ = await _tracker.Tracker.GetOrCreateExperimentAsync(Experiment);

        await Assert.ThrowsAsync<ArgumentException>(
            () => new Trainer(new ComputeDeviceResolver(), _tracker.Tracker).FitAsync(model, data, options));

        Assert.False(Directory.Exists(checkpoints), "the ModelCheckpoint folder was created for a failed fit");
        Assert.Empty(await _tracker.Tracker.ListRunsAsync(Experiment));
    }

    private static async IAsyncEnumerable<TrainingBatch> OneBatch(long[] labels)
    {
        await Task.Yield();
        (float[] features, _) = TwoMoons.Generate(labels.Length, 0.1, 1);
        yield return new TrainingBatch(torch.tensor(features, [labels.Length, 2]), torch.tensor(labels));
    }

    private (torch.nn.Module<torch.Tensor, torch.Tensor> Model, TrainingData Data, FitOptions Options, bool Tracked) Build(string scenario)
    {
        (float[] features, long[] labels) = TwoMoons.Generate(40, 0.1, 3);
        FitOptions options = TinyModels.Classification(maxEpochs: 2, batchSize: 8);
        int outputs = 2;
        bool tracked = true;
        TrainingData data;
        switch (scenario)
        {
            case "nan-feature":
                features[(3 * 2) + 1] = float.NaN;
                data = TrainingData.FromArrays(features, 2, labels);
                break;
            case "inf-feature":
                features[5 * 2] = float.PositiveInfinity;
                data = TrainingData.FromArrays(features, 2, labels);
                break;
            case "nan-target":
                float[] targets = labels.Select(static l => (float)l).ToArray();
                targets[2] = float.NaN;
                data = TrainingData.FromArrays(features, 2, targets);
                options.Task = TrainingTask.Regression;
                options.Loss = torch.nn.MSELoss().forward;
                outputs = 1;
                break;
            case "label-equals-class-count":
                labels[4] = 2;
                data = TrainingData.FromArrays(features, 2, labels);
                break;
            case "negative-label":
                labels[0] = -1;
                data = TrainingData.FromArrays(features, 2, labels);
                break;
            case "validation-label-out-of-range":
                data = TrainingData.FromArrays(features, 2, labels);
                (float[] validationFeatures, long[] validationLabels) = TwoMoons.Generate(10, 0.1, 4);
                validationLabels[1] = 7;
                options.Validation = Own(TrainingData.FromArrays(validationFeatures, 2, validationLabels));
                break;
            case "float-labels-for-classification":
                data = TrainingData.FromArrays(features, 2, labels.Select(static l => (float)l).ToArray());
                break;
            case "one-output-for-classification":
                data = TrainingData.FromArrays(features, 2, labels);
                outputs = 1;
                break;
            case "batch-size-zero":
                data = TrainingData.FromArrays(features, 2, labels);
                options.BatchSize = 0;
                break;
            case "max-epochs-zero":
                data = TrainingData.FromArrays(features, 2, labels);
                options.MaxEpochs = 0;
                break;
            case "accumulation-steps-zero":
                data = TrainingData.FromArrays(features, 2, labels);
                options.AccumulationSteps = 0;
                break;
            case "validation-split-one":
                data = TrainingData.FromArrays(features, 2, labels);
                options.ValidationSplit = 1.0;
                break;
            case "missing-loss":
                data = TrainingData.FromArrays(features, 2, labels);
                options.Loss = null;
                break;
            case "missing-optimizer":
                data = TrainingData.FromArrays(features, 2, labels);
                options.Optimizer = null;
                break;
            case "tracking-without-tracker":
                data = TrainingData.FromArrays(features, 2, labels);
                tracked = false;
                break;
            case "validation-nan-feature":
                data = TrainingData.FromArrays(features, 2, labels);
                (float[] nanFeatures, long[] nanLabels) = TwoMoons.Generate(10, 0.1, 4);
                nanFeatures[2 * 2] = float.NaN;
                options.Validation = Own(TrainingData.FromArrays(nanFeatures, 2, nanLabels));
                break;
            case "validation-float-labels":
                data = TrainingData.FromArrays(features, 2, labels);
                (float[] floatFeatures, long[] floatLabels) = TwoMoons.Generate(10, 0.1, 4);
                options.Validation = Own(TrainingData.FromArrays(floatFeatures, 2, floatLabels.Select(static l => (float)l).ToArray()));
                break;
            case "validation-streamed":
                data = TrainingData.FromArrays(features, 2, labels);
                options.Validation = Own(TrainingData.FromBatches(static _ => AsyncEnumerable.Empty<TrainingBatch>()));
                break;
            case "validation-and-split":
                data = TrainingData.FromArrays(features, 2, labels);
                (float[] bothFeatures, long[] bothLabels) = TwoMoons.Generate(10, 0.1, 4);
                options.Validation = Own(TrainingData.FromArrays(bothFeatures, 2, bothLabels));
                options.ValidationSplit = 0.2;
                break;
            case "split-leaves-no-training-row":
                data = TrainingData.FromArrays(features, 2, labels);
                options.ValidationSplit = 0.99;
                break;
            case "regression-output-shape-mismatch":
                data = TrainingData.FromArrays(features, 2, labels.Select(static l => (float)l).ToArray());
                options.Task = TrainingTask.Regression;
                options.Loss = torch.nn.MSELoss().forward;
                outputs = 3;
                break;
            case "max-steps-zero":
                data = TrainingData.FromArrays(features, 2, labels);
                options.MaxSteps = 0;
                break;
            case "max-time-zero":
                data = TrainingData.FromArrays(features, 2, labels);
                options.MaxTime = TimeSpan.Zero;
                break;
            case "clip-norm-nan":
                data = TrainingData.FromArrays(features, 2, labels);
                options.GradientClipNorm = double.NaN;
                break;
            case "duplicate-callback-state-key":
                data = TrainingData.FromArrays(features, 2, labels);
                options.Callbacks.Add(new EarlyStopping("val_loss", patience: 2));
                options.Callbacks.Add(new EarlyStopping("val_loss", patience: 5));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "unknown scenario");
        }

        return (Own(TinyModels.Mlp(seed: 5, outputs: outputs)), Own(data), options, tracked);
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
