namespace Ml.Sdk.Registry.Artifacts.Internal;

/// <summary>A blob in the content-addressed store: its SHA-256 (lower-case hex) and length.</summary>
internal readonly record struct StoredBlob(string Sha256, long Length);
