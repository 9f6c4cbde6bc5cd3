using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Ml.Sdk.Registry.Tracking;
using Ml.Sdk.Training.Search.Internal;

namespace Ml.Sdk.Training.Search;

/// <summary>
/// Random and grid hyperparameter search over a <see cref="SearchSpace"/> with a trial budget, each trial tracked as a
/// run of an <see cref="IExperimentTracker"/>.
/// </summary>
/// <remarks>
/// <para>
/// For each trial the search starts a run named <c>trial-{index}</c> in <see cref="SearchOptions.ExperimentName"/>,
/// tagged <see cref="TrialTag"/> = index; logs every parameter as a run param (reals in invariant-culture round-trip
/// form, <c>"R"</c>); awaits the objective, which may log more into <see cref="HyperparameterTrial.RunId"/>; logs the
/// returned score as <see cref="SearchOptions.Metric"/>; and ends the run <see cref="RunStatus.Finished"/>.
/// </para>
/// <para>
/// When the objective throws, the run ends <see cref="RunStatus.Failed"/>, the trial is recorded with the error, and
/// the search goes on. When <c>cancellationToken</c> is cancelled, the current run ends <see cref="RunStatus.Killed"/>
/// and the <see cref="OperationCanceledException"/> propagates; an <see cref="OperationCanceledException"/> the
/// objective throws while the search's token is not cancelled is an ordinary failure. Trials run one at a time.
/// </para>
/// </remarks>
public sealed class HyperparameterSearch
{
    /// <summary>The run tag holding the trial index, so that a trial's run can be found among others.</summary>
    public const string TrialTag = "ml_sdk.search.trial";

    private static readonly SearchOptionsValidator s_annotations = new();
    private static readonly SearchOptionsRulesValidator s_rules = new();

    private readonly IExperimentTracker _tracker;
    private readonly ILogger _logger;

    /// <summary>Creates a search that records its trials in <paramref name="tracker"/>.</summary>
    /// <param name="tracker">Where each trial becomes a run.</param>
    /// <param name="logger">Logs one line per trial, with its score or error.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tracker"/> is <see langword="null"/>.</exception>
    public HyperparameterSearch(IExperimentTracker tracker, ILogger<HyperparameterSearch>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        _tracker = tracker;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Runs the search: up to <see cref="SearchOptions.MaxTrials"/> trials, one after another.</summary>
    /// <param name="space">The parameters to explore.</param>
    /// <param name="options">The strategy, budget, seed, experiment and metric.</param>
    /// <param name="objective">Trains and evaluates one trial and returns its score under <see cref="SearchOptions.Metric"/>.</param>
    /// <param name="cancellationToken">Stops the search; the current trial's run ends <see cref="RunStatus.Killed"/>.</param>
    /// <returns>Every trial's result and the best one.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="options"/> is invalid, or the strategy is <see cref="SearchStrategy.Grid"/> and the space holds a
    /// continuous (Uniform or LogUniform) parameter, which the message names. Nothing is tracked in either case.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<SearchResult> RunAsync(
        SearchSpace space,
        SearchOptions options,
        Func<HyperparameterTrial, CancellationToken, Task<double>> objective,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(objective);
        Validate(options);

        // The options are read once, so a caller changing them mid-search cannot make trials disagree.
        var settings = new TrialSettings(options.ExperimentName, options.Metric);
        IEnumerable<IReadOnlyDictionary<string, object>> plan = TrialPlan.Create(space, options.Strategy, options.MaxTrials, options.Seed);
        bool maximize = options.Maximize;

        var trials = new List<TrialResult>();
        TrialResult? best = null;
        foreach (IReadOnlyDictionary<string, object> parameters in plan)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TrialResult trial = await RunTrialAsync(trials.Count, parameters, settings, objective, cancellationToken).ConfigureAwait(false);
            trials.Add(trial);
            if (IsBetter(trial, best, maximize))
            {
                best = trial;
            }
        }

        SearchLog.SearchCompleted(_logger, settings.ExperimentName, trials.Count, best?.Index, settings.Metric, best?.Score);
        return new SearchResult(trials, best);
    }

    private static void Validate(SearchOptions options)
    {
        var failures = new List<string>();
        foreach (ValidateOptionsResult result in new[] { s_annotations.Validate(null, options), s_rules.Validate(null, options) })
        {
            if (result.Failed)
            {
                failures.AddRange(result.Failures);
            }
        }

        if (failures.Count > 0)
        {
            throw new ArgumentException("Invalid search options: " + string.Join(" ", failures), nameof(options));
        }
    }

    private static bool IsBetter(TrialResult candidate, TrialResult? best, bool maximize)
    {
        if (candidate.Score is not double score || double.IsNaN(score))
        {
            return false;
        }

        if (best?.Score is not double bestScore)
        {
            return true;
        }

        return maximize ? score > bestScore : score < bestScore;
    }

    private static string FormatParam(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        _ => (string)value,
    };

    private async Task<TrialResult> RunTrialAsync(
        int index,
        IReadOnlyDictionary<string, object> parameters,
        TrialSettings settings,
        Func<HyperparameterTrial, CancellationToken, Task<double>> objective,
        CancellationToken cancellationToken)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal) { [TrialTag] = index.ToString(CultureInfo.InvariantCulture) };
        RunInfo run = await _tracker.StartRunAsync(
            settings.ExperimentName, string.Create(CultureInfo.InvariantCulture, $"trial-{index}"), tags, cancellationToken).ConfigureAwait(false);

        // Failed unless the trial gets as far as a logged score, so that a tracker error mid-trial still ends the run.
        RunStatus status = RunStatus.Failed;
        try
        {
            var batch = new RunBatch();
            foreach (KeyValuePair<string, object> parameter in parameters)
            {
                batch.Params[parameter.Key] = FormatParam(parameter.Value);
            }

            if (!batch.IsEmpty)
            {
                await _tracker.LogBatchAsync(run.RunId, batch, cancellationToken).ConfigureAwait(false);
            }

            double score;
            try
            {
                score = await objective(new HyperparameterTrial(index, run.RunId, parameters), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                SearchLog.TrialFailed(_logger, index, run.RunId, ex.Message, ex);
                return new TrialResult(index, run.RunId, parameters, Score: null, Error: ex.Message);
            }

            await _tracker.LogMetricAsync(run.RunId, settings.Metric, score, cancellationToken: cancellationToken).ConfigureAwait(false);
            status = RunStatus.Finished;
            SearchLog.TrialScored(_logger, index, run.RunId, settings.Metric, score);
            return new TrialResult(index, run.RunId, parameters, score, Error: null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            status = RunStatus.Killed;
            SearchLog.TrialCancelled(_logger, index, run.RunId);
            throw;
        }
        finally
        {
            // Not the caller's token: a cancelled search must still record how its current run ended.
            await _tracker.EndRunAsync(run.RunId, status, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
