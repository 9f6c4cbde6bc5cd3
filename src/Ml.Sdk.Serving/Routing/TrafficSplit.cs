namespace Ml.Sdk.Serving;

/// <summary>One arm of a weighted A/B split.</summary>
/// <param name="Target">The version the arm serves.</param>
/// <param name="Weight">The arm's weight (relative to the other arms; more than 0).</param>
public readonly record struct TrafficSplit(VersionTarget Target, double Weight);
