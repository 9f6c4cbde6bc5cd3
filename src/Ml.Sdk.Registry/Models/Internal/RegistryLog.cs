using Microsoft.Extensions.Logging;

namespace Ml.Sdk.Registry.Models.Internal;

internal static partial class RegistryLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Registered model {ModelName} version {Version} ({ArtifactCount} artifacts, {TotalBytes} bytes)")]
    public static partial void VersionRegistered(ILogger logger, string modelName, int version, int artifactCount, long totalBytes);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information,
        Message = "Alias {ModelName}@{Alias} moved from version {PreviousVersion} to {Version}")]
    public static partial void AliasMoved(ILogger logger, string modelName, string alias, int previousVersion, int version);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Information, Message = "Alias {ModelName}@{Alias} created at version {Version}")]
    public static partial void AliasCreated(ILogger logger, string modelName, string alias, int version);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Alias {ModelName}@{Alias} deleted (was version {Version})")]
    public static partial void AliasDeleted(ILogger logger, string modelName, string alias, int version);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Model {ModelName} version {Version} deleted")]
    public static partial void VersionDeleted(ILogger logger, string modelName, int version);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information,
        Message = "Model {ModelName} version {Version} purged; {BlobCount} unused blobs removed")]
    public static partial void VersionPurged(ILogger logger, string modelName, int version, int blobCount);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Error,
        Message = "Artifact {FileName} of model {ModelName} version {Version} failed verification: expected {ExpectedSha256}, found {ActualSha256}")]
    public static partial void ArtifactCorrupt(ILogger logger, string modelName, int version, string fileName, string expectedSha256, string actualSha256);

}
