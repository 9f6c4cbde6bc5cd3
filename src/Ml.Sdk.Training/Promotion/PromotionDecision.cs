using Ml.Sdk.Registry;

namespace Ml.Sdk.Training.Promotion;

/// <summary>What the gate did: the version it registered, whether the alias moved to it, and the figures it compared.</summary>
/// <param name="Version">The new version (registered whether or not it was promoted).</param>
/// <param name="Promoted">Whether the alias now points to <paramref name="Version"/>.</param>
/// <param name="Metric">The metric compared.</param>
/// <param name="CandidateValue">The candidate's figure.</param>
/// <param name="ChampionVersion">The champion's version before the decision, or <see langword="null"/> when there was none.</param>
/// <param name="ChampionValue">The champion's figure, or <see langword="null"/> when there was no champion or it had no figure.</param>
/// <param name="Reason">Why, in words, for logs and the run's record.</param>
public sealed record PromotionDecision(
    ModelVersion Version,
    bool Promoted,
    string Metric,
    double CandidateValue,
    int? ChampionVersion,
    double? ChampionValue,
    string Reason);
