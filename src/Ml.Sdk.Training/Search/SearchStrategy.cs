namespace Ml.Sdk.Training.Search;

/// <summary>How a <see cref="HyperparameterSearch"/> picks each trial's parameters.</summary>
public enum SearchStrategy
{
    /// <summary>
    /// Every combination of the <see cref="SearchSpace.Choice(string, double[])"/> and
    /// <see cref="SearchSpace.IntRange"/> values in a fixed order, the first declared parameter varying slowest, cut off
    /// at <see cref="SearchOptions.MaxTrials"/>. A continuous parameter is an error.
    /// </summary>
    Grid = 0,

    /// <summary>
    /// <see cref="SearchOptions.MaxTrials"/> independent draws from every parameter, from
    /// <c>new Random(</c><see cref="SearchOptions.Seed"/><c>)</c>, so the same seed repeats the same trials.
    /// </summary>
    Random = 1,
}
