using System.Globalization;
using Ml.Sdk.Registry.Tracking;
using Ml.Sdk.Training.Search;

namespace Ml.Sdk.Training.Tests.Search;

public sealed class HyperparameterSearchTests : IDisposable
{
    private readonly TemporaryTracker _store = new();
    private readonly HyperparameterSearch _search;

    public HyperparameterSearchTests() => _search = new HyperparameterSearch(_store.Tracker);

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task RunAsync_Grid_TriesEveryCombinationFirstParameterSlowest()
    {
        SearchSpace space = new SearchSpace().Choice("optimizer", "adam", "sgd").IntRange("layers", 1, 3);

        SearchResult result = await _search.RunAsync(space, Options(SearchStrategy.Grid, maxTrials: 100), Constant(1.0));

        Assert.Equal(
            ["adam/1", "adam/2", "adam/3", "sgd/1", "sgd/2", "sgd/3"],
            result.Trials.Select(t => $"{t.Parameters["optimizer"]}/{t.Parameters["layers"]}"));
        Assert.Equal([0, 1, 2, 3, 4, 5], result.Trials.Select(t => t.Index));
        Assert.Equal(6, (await _store.Tracker.ListRunsAsync("search-tests")).Count);
    }

    [Fact]
    public async Task RunAsync_GridLargerThanBudget_StopsAtMaxTrials()
    {
        SearchSpace space = new SearchSpace().Choice("batch", 16, 32, 64).Choice("dropout", 0.0, 0.5);

        SearchResult result = await _search.RunAsync(space, Options(SearchStrategy.Grid, maxTrials: 4), Constant(1.0));

        Assert.Equal(
            ["16/0", "16/0.5", "32/0", "32/0.5"],
            result.Trials.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Parameters["batch"]}/{t.Parameters["dropout"]}")));
        Assert.Equal(4, (await _store.Tracker.ListRunsAsync("search-tests")).Count);
    }

    [Fact]
    public async Task RunAsync_GridWithContinuousParameter_ThrowsNamingItAndTracksNothing()
    {
        SearchSpace space = new SearchSpace().IntRange("layers", 1, 2).LogUniform("learning_rate", 1e-4, 1e-1);

        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(
            () => _search.RunAsync(space, Options(SearchStrategy.Grid, maxTrials: 5), Constant(1.0)));

        Assert.Contains("learning_rate", ex.Message, StringComparison.Ordinal);
        Assert.Contains("LogUniform", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<RunNotFoundException>(() => _store.Tracker.ListRunsAsync("search-tests"));
    }

    [Fact]
    public async Task RunAsync_RandomWithSameSeed_RepeatsTheTrials()
    {
        SearchSpace space = RandomSpace();

        SearchResult first = await _search.RunAsync(space, Options(SearchStrategy.Random, maxTrials: 5, seed: 7), Constant(1.0));
        SearchResult second = await _search.RunAsync(space, Options(SearchStrategy.Random, maxTrials: 5, seed: 7), Constant(1.0));
        SearchResult other = await _search.RunAsync(space, Options(SearchStrategy.Random, maxTrials: 5, seed: 8), Constant(1.0));

        Assert.Equal(5, first.Trials.Count);
        Assert.Equal(Describe(first), Describe(second));
        Assert.NotEqual(Describe(first), Describe(other));
        Assert.NotEqual(first.Trials[0].RunId, second.Trials[0].RunId);
    }

    [Fact]
    public async Task RunAsync_EachTrial_IsAFinishedRunWithParamsTagAndScore()
    {
        SearchSpace space = new SearchSpace().Choice("learning_rate", 0.1, 0.001).Choice("activation", "relu").IntRange("layers", 2, 2);

        SearchResult result = await _search.RunAsync(
            space,
            Options(SearchStrategy.Grid, maxTrials: 10),
            async (trial, ct) =>
            {
                // The objective logs into the trial's own run, as the trainer does.
                await _store.Tracker.LogMetricAsync(trial.RunId, "epoch_loss", 0.25, stepIndex: 3, cancellationToken: ct);
                return trial.GetDouble("learning_rate") * 10;
            });

        RunDetails run = await _store.Tracker.GetRunAsync(result.Trials[1].RunId);
        Assert.Equal("trial-1", run.Info.Name);
        Assert.Equal(RunStatus.Finished, run.Info.Status);
        Assert.Equal("search-tests", run.Info.ExperimentName);
        Assert.Equal("1", run.Tags[HyperparameterSearch.TrialTag]);
        Assert.Equal("0.001", run.Params["learning_rate"]);
        Assert.Equal("relu", run.Params["activation"]);
        Assert.Equal("2", run.Params["layers"]);
        Assert.Equal(0.01, run.LatestMetrics["val_score"].Value);
        Assert.Equal(0.25, run.LatestMetrics["epoch_loss"].Value);
        Assert.Equal(0.01, result.Trials[1].Score);
    }

    [Fact]
    public async Task RunAsync_DoubleParam_IsLoggedInRoundTripInvariantForm()
    {
        CultureInfo previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE"); // a decimal comma, were the culture used
        try
        {
            SearchResult result = await _search.RunAsync(
                new SearchSpace().Choice("x", 0.1 + 0.2), Options(SearchStrategy.Grid, maxTrials: 1), Constant(0));

            RunDetails run = await _store.Tracker.GetRunAsync(result.Trials[0].RunId);
            Assert.Equal("0.30000000000000004", run.Params["x"]);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public async Task RunAsync_ObjectiveThrows_EndsRunFailedAndContinues()
    {
        SearchSpace space = new SearchSpace().IntRange("i", 0, 2);

        SearchResult result = await _search.RunAsync(space, Options(SearchStrategy.Grid, maxTrials: 10), (trial, _) =>
            trial.GetInt("i") == 1 ? throw new InvalidOperationException("diverged") : Task.FromResult((double)trial.GetInt("i")));

        Assert.Equal(3, result.Trials.Count);
        Assert.Equal("diverged", result.Trials[1].Error);
        Assert.Null(result.Trials[1].Score);
        RunDetails failed = await _store.Tracker.GetRunAsync(result.Trials[1].RunId);
        Assert.Equal(RunStatus.Failed, failed.Info.Status);
        Assert.False(failed.LatestMetrics.ContainsKey("val_score"));
        Assert.Equal(RunStatus.Finished, (await _store.Tracker.GetRunAsync(result.Trials[2].RunId)).Info.Status);
        Assert.Equal(2, result.Best?.Index);
    }

    [Fact]
    public async Task RunAsync_ObjectiveCancelsOnItsOwn_CountsAsFailureNotCancellation()
    {
        SearchSpace space = new SearchSpace().IntRange("i", 0, 1);

        SearchResult result = await _search.RunAsync(space, Options(SearchStrategy.Grid, maxTrials: 10), (trial, _) =>
            trial.GetInt("i") == 0 ? throw new TimeoutException("slow") : throw new OperationCanceledException("own timeout"));

        Assert.Equal(["slow", "own timeout"], result.Trials.Select(t => t.Error));
        Assert.Null(result.Best);
        Assert.Equal(RunStatus.Failed, (await _store.Tracker.GetRunAsync(result.Trials[1].RunId)).Info.Status);
    }

    [Theory]
    [InlineData(true, 3)]
    [InlineData(false, 2)]
    public async Task RunAsync_Direction_PicksBestScoreIgnoringNaN(bool maximize, int expectedBest)
    {
        // Trial 4 scores NaN and trial 0 throws; neither may win in either direction.
        double[] scores = [double.NaN, 0.5, 0.2, 0.9, double.NaN, 0.9];
        SearchOptions options = Options(SearchStrategy.Grid, maxTrials: 10);
        options.Maximize = maximize;

        SearchResult result = await _search.RunAsync(new SearchSpace().IntRange("i", 0, 5), options, (trial, _) =>
            trial.Index == 0 ? throw new ArithmeticException("boom") : Task.FromResult(scores[trial.GetInt("i")]));

        Assert.Equal(expectedBest, result.Best?.Index);
        Assert.True(double.IsNaN(result.Trials[4].Score!.Value));
        Assert.Null(result.Trials[4].Error);
    }

    [Fact]
    public async Task RunAsync_CancelledDuringTrial_EndsRunKilledAndThrows()
    {
        using var cancellation = new CancellationTokenSource();
        var runIds = new List<string>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _search.RunAsync(
            new SearchSpace().IntRange("i", 0, 5),
            Options(SearchStrategy.Grid, maxTrials: 10),
            async (trial, ct) =>
            {
                runIds.Add(trial.RunId);
                if (trial.Index == 1)
                {
                    await cancellation.CancelAsync();
                    await Task.Delay(Timeout.Infinite, ct);
                }

                return 1.0;
            },
            cancellation.Token));

        Assert.Equal(2, runIds.Count);
        Assert.Equal(RunStatus.Finished, (await _store.Tracker.GetRunAsync(runIds[0])).Info.Status);
        Assert.Equal(RunStatus.Killed, (await _store.Tracker.GetRunAsync(runIds[1])).Info.Status);
        Assert.Equal(2, (await _store.Tracker.ListRunsAsync("search-tests")).Count);
    }

    [Theory]
    [InlineData("max-trials", "MaxTrials")]
    [InlineData("empty-metric", "Metric")]
    [InlineData("bad-experiment", "ExperimentName")]
    [InlineData("bad-metric", "Metric")]
    [InlineData("undefined-strategy", "Strategy")]
    public async Task RunAsync_BadOptions_ThrowsNamingTheOptionAndTracksNothing(string scenario, string option)
    {
        SearchOptions options = Options(SearchStrategy.Random, maxTrials: 3);
        switch (scenario)
        {
            case "max-trials": options.MaxTrials = 0; break;
            case "empty-metric": options.Metric = ""; break;
            case "bad-experiment": options.ExperimentName = "../escape"; break;
            case "bad-metric": options.Metric = "val score"; break;
            default: options.Strategy = (SearchStrategy)7; break;
        }

        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(
            () => _search.RunAsync(new SearchSpace().IntRange("i", 0, 1), options, Constant(1.0)));

        Assert.Equal("options", ex.ParamName);
        Assert.Contains(option, ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<RunNotFoundException>(() => _store.Tracker.ListRunsAsync("search-tests"));
    }

    private static SearchOptions Options(SearchStrategy strategy, int maxTrials, int seed = 0) => new()
    {
        Strategy = strategy,
        MaxTrials = maxTrials,
        Seed = seed,
        ExperimentName = "search-tests",
        Metric = "val_score",
    };

    private static Func<HyperparameterTrial, CancellationToken, Task<double>> Constant(double score) => (_, _) => Task.FromResult(score);

    private static SearchSpace RandomSpace() =>
        new SearchSpace()
            .LogUniform("learning_rate", 1e-5, 1e-1)
            .Uniform("dropout", 0.0, 0.5)
            .IntRange("layers", 1, 8)
            .Choice("optimizer", "adam", "sgd", "rmsprop");

    private static string[] Describe(SearchResult result) =>
        result.Trials.Select(t => string.Join(";", t.Parameters.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value}")))).ToArray();
}
