namespace Ml.Sdk.Training.Search;

/// <summary>How one trial of a <see cref="HyperparameterSearch"/> ended.</summary>
/// <param name="Index">The trial's position in the search, from 0.</param>
/// <param name="RunId">The tracker run that records it.</param>
/// <param name="Parameters">Its parameters by name: boxed double, int or string.</param>
/// <param name="Score">
/// The objective's score, logged to the run; <see langword="null"/> when the objective threw. A NaN score is kept
/// and logged, but never ranked best.
/// </param>
/// <param name="Error">The message of the exception the objective threw, or <see langword="null"/> when it returned.</param>
public sealed record TrialResult(int Index, string RunId, IReadOnlyDictionary<string, object> Parameters, double? Score, string? Error);
