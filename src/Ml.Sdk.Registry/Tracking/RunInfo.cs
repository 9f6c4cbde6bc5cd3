namespace Ml.Sdk.Registry.Tracking;

/// <summary>A run's identity and lifecycle.</summary>
/// <param name="RunId">The run id: a version-7 UUID in 32 hex digits, so ids sort by start time.</param>
/// <param name="ExperimentName">The experiment it belongs to.</param>
/// <param name="Name">An optional display name.</param>
/// <param name="Status">Its lifecycle state.</param>
/// <param name="StartTime">When it started.</param>
/// <param name="EndTime">When it ended, or <see langword="null"/> while running.</param>
public sealed record RunInfo(string RunId, string ExperimentName, string? Name, RunStatus Status, DateTimeOffset StartTime, DateTimeOffset? EndTime);
