namespace Ml.Sdk.Training.Search;

/// <summary>The outcome of a <see cref="HyperparameterSearch"/>.</summary>
/// <param name="Trials">Every trial in order, failed ones included.</param>
/// <param name="Best">
/// The trial with the highest score (lowest when not <see cref="SearchOptions.Maximize"/>), the earliest on a tie;
/// failed trials and NaN scores never count. <see langword="null"/> when no trial has a score that counts.
/// </param>
public sealed record SearchResult(IReadOnlyList<TrialResult> Trials, TrialResult? Best);
