namespace Ml.Sdk.Registry;

/// <summary>A stored artifact's content no longer matches the SHA-256 recorded when its version was registered.</summary>
public sealed class ArtifactIntegrityException : IOException
{
    /// <summary>Creates the exception.</summary>
    public ArtifactIntegrityException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ArtifactIntegrityException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ArtifactIntegrityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for one artifact.</summary>
    /// <param name="modelName">The model.</param>
    /// <param name="version">The version.</param>
    /// <param name="fileName">The artifact file name.</param>
    /// <param name="expectedSha256">The SHA-256 recorded at registration.</param>
    /// <param name="actualSha256">The SHA-256 of what is stored now, or a description such as "missing".</param>
    /// <param name="expectedLength">The length recorded at registration.</param>
    /// <param name="actualLength">The length stored now.</param>
    public ArtifactIntegrityException(string modelName, int version, string fileName, string expectedSha256, string actualSha256, long expectedLength, long actualLength)
        : base($"Artifact '{fileName}' of model '{modelName}' version {version} is corrupt: expected SHA-256 {expectedSha256} ({expectedLength} bytes), " +
            $"found {actualSha256} ({actualLength} bytes). Re-register the version from its source.")
    {
        ModelName = modelName;
        Version = version;
        FileName = fileName;
        ExpectedSha256 = expectedSha256;
        ActualSha256 = actualSha256;
    }

    /// <summary>Creates the exception for an artifact logged to an experiment run.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="fileName">The artifact's file name.</param>
    /// <param name="expectedSha256">The SHA-256 recorded when the artifact was logged.</param>
    /// <param name="actualSha256">The SHA-256 of the bytes on disk (or "missing").</param>
    /// <param name="expectedLength">The recorded length.</param>
    /// <param name="actualLength">The length on disk.</param>
    public ArtifactIntegrityException(string runId, string fileName, string expectedSha256, string actualSha256, long expectedLength, long actualLength)
        : base($"Artifact '{fileName}' of run {runId} is corrupt: expected SHA-256 {expectedSha256} ({expectedLength} bytes), " +
            $"found {actualSha256} ({actualLength} bytes).")
    {
        RunId = runId;
        FileName = fileName;
        ExpectedSha256 = expectedSha256;
        ActualSha256 = actualSha256;
    }

    /// <summary>Gets the run whose artifact is corrupt, when it is a run artifact.</summary>
    public string? RunId { get; }

    /// <summary>Gets the model whose artifact is corrupt.</summary>
    public string? ModelName { get; }

    /// <summary>Gets the version whose artifact is corrupt.</summary>
    public int Version { get; }

    /// <summary>Gets the artifact's file name.</summary>
    public string? FileName { get; }

    /// <summary>Gets the SHA-256 recorded at registration.</summary>
    public string? ExpectedSha256 { get; }

    /// <summary>Gets the SHA-256 of the stored content (or "missing").</summary>
    public string? ActualSha256 { get; }
}
