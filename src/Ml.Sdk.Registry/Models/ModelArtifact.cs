namespace Ml.Sdk.Registry;

/// <summary>One stored file of a model version.</summary>
/// <param name="FileName">The file name within the version (per <see cref="Naming.NameRules"/>).</param>
/// <param name="Sha256">The SHA-256 of the content, as 64 lower-case hex digits; also the blob's address.</param>
/// <param name="Length">The content length in bytes.</param>
public sealed record ModelArtifact(string FileName, string Sha256, long Length);
