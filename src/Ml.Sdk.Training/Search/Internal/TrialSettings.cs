namespace Ml.Sdk.Training.Search.Internal;

/// <summary>The options every trial of one search shares, read once when the search starts.</summary>
/// <param name="ExperimentName">The experiment that holds the trial runs.</param>
/// <param name="Metric">The metric name of the score.</param>
internal sealed record TrialSettings(string ExperimentName, string Metric);
