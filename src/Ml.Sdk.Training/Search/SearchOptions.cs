using System.ComponentModel.DataAnnotations;

namespace Ml.Sdk.Training.Search;

/// <summary>How a <see cref="HyperparameterSearch"/> runs: the strategy, the trial budget, and where results go.</summary>
/// <remarks>
/// Checked by <see cref="HyperparameterSearch.RunAsync"/> before any run starts: at least one trial, and valid tracker
/// names (<see cref="Registry.Naming.NameRules"/>) for the experiment and the metric.
/// </remarks>
public sealed class SearchOptions
{
    /// <summary>Gets or sets how trials are chosen.</summary>
    /// <value>Default <see cref="SearchStrategy.Random"/>, which accepts every kind of parameter.</value>
    public SearchStrategy Strategy { get; set; } = SearchStrategy.Random;

    /// <summary>Gets or sets the trial budget: the most trials to run (a grid may have fewer).</summary>
    /// <value>Default 10, as scikit-learn's <c>RandomizedSearchCV(n_iter=10)</c>. At least 1.</value>
    [Range(1, int.MaxValue)]
    public int MaxTrials { get; set; } = 10;

    /// <summary>Gets or sets the seed of the random search; a grid ignores it.</summary>
    /// <value>Default 0.</value>
    public int Seed { get; set; }

    /// <summary>Gets or sets the experiment that holds one run per trial (created if needed).</summary>
    /// <value>Default <c>hyperparameter-search</c>.</value>
    [Required]
    public string ExperimentName { get; set; } = "hyperparameter-search";

    /// <summary>Gets or sets the metric name under which each trial's score is logged to its run.</summary>
    /// <value>Default <c>score</c>.</value>
    [Required]
    public string Metric { get; set; } = "score";

    /// <summary>Gets or sets whether a higher score is better (accuracy, AUC) rather than a lower one (loss, error).</summary>
    /// <value>Default <see langword="true"/>, scikit-learn's convention for scores.</value>
    public bool Maximize { get; set; } = true;
}
