using Microsoft.Extensions.Options;
using Ml.Sdk.Core.Devices;
using Ml.Sdk.Registry;
using Ml.Sdk.Registry.Tracking;
using Ml.Sdk.Training.Search;
using Ml.Sdk.Training.Tests.TestSupport;

namespace Ml.Sdk.Training.Tests.Search;

public sealed class SearchWithTrainerTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly SqliteExperimentTracker _tracker;

    public SearchWithTrainerTests()
    {
        _tracker = new SqliteExperimentTracker(Options.Create(new RegistryOptions { RootPath = _folder.Path }), TimeProvider.System);
    }

    public void Dispose()
    {
        _tracker.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task RunAsync_TrialsThatFit_RecordTheFitInTheTrialRunAndPickTheBest()
    {
        var trainer = new Trainer(new ComputeDeviceResolver(), _tracker);
        var search = new HyperparameterSearch(_tracker);
        SearchSpace space = new SearchSpace().Choice("learning_rate", 1e-5, 0.02).Choice("hidden", 8, 16);
        var options = new SearchOptions { Strategy = SearchStrategy.Grid, MaxTrials = 4, ExperimentName = "moons-search", Metric = "val_accuracy" };

        SearchResult result = await search.RunAsync(space, options, async (trial, ct) =>
        {
            using var model = TinyModels.Mlp(seed: 1, hidden: trial.GetInt("hidden"));
            using TrainingData data = TinyModels.Moons(rows: 200);
            FitOptions fit = TinyModels.Classification(maxEpochs: 4, learningRate: trial.GetDouble("learning_rate"));
            fit.ValidationSplit = 0.25;
            fit.RunId = trial.RunId;
            TrainingResult trained = await trainer.FitAsync(model, data, fit, cancellationToken: ct);
            return trained.FinalMetrics["val_accuracy"];
        });

        Assert.Equal(4, result.Trials.Count);
        Assert.Equal(0.02, (double)result.Best!.Parameters["learning_rate"]);
        foreach (TrialResult trial in result.Trials)
        {
            RunDetails run = await _tracker.GetRunAsync(trial.RunId);
            Assert.Equal(RunStatus.Finished, run.Info.Status);
            Assert.Equal("32", run.Params["batch_size"]);
            Assert.Equal(4, (await _tracker.GetMetricHistoryAsync(trial.RunId, "train_loss")).Count);
            Assert.Equal(trial.Score, run.LatestMetrics["val_accuracy"].Value);
        }
    }
}
