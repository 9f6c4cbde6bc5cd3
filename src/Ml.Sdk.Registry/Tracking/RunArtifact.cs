namespace Ml.Sdk.Registry.Tracking;

/// <summary>A file logged to a run (a checkpoint, a report, a plot), stored content-addressed and verified on load.</summary>
/// <param name="FileName">The file name within the run.</param>
/// <param name="Sha256">The SHA-256 of its content, lower-case hex.</param>
/// <param name="Length">Its length in bytes.</param>
/// <param name="LoggedAt">When it was logged.</param>
public sealed record RunArtifact(string FileName, string Sha256, long Length, DateTimeOffset LoggedAt);
