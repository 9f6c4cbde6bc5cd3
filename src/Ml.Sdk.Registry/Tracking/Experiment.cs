namespace Ml.Sdk.Registry.Tracking;

/// <summary>A named group of runs (e.g. one model's training attempts).</summary>
/// <param name="Id">The store's id.</param>
/// <param name="Name">The unique name.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record Experiment(long Id, string Name, DateTimeOffset CreatedAt);
