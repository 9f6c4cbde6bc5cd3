namespace Ml.Sdk.Registry;

/// <summary>
/// Names of the registry's <see cref="System.Diagnostics.ActivitySource"/>, <see cref="System.Diagnostics.Metrics.Meter"/>
/// and instruments, for OpenTelemetry's <c>AddSource</c> and <c>AddMeter</c>.
/// </summary>
public static class ModelRegistryTelemetry
{
    /// <summary>The activity source name: one activity per registration and per verified artifact read.</summary>
    public const string ActivitySourceName = "Ml.Sdk.Registry";

    /// <summary>The meter name.</summary>
    public const string MeterName = "Ml.Sdk.Registry";

    /// <summary>Counter of versions registered, tagged with <see cref="ModelNameTag"/>.</summary>
    public const string VersionsRegistered = "ml.registry.versions.registered";

    /// <summary>Counter of artifact bytes stored by registrations (including content that was already stored).</summary>
    public const string ArtifactBytesStored = "ml.registry.artifact.bytes_stored";

    /// <summary>Counter of artifact reads refused because the content failed its SHA-256 check.</summary>
    public const string IntegrityFailures = "ml.registry.artifact.integrity_failures";

    /// <summary>The tag (attribute) that carries the model name on activities and measurements.</summary>
    public const string ModelNameTag = "ml.model.name";

    /// <summary>The tag that carries the version number on activities.</summary>
    public const string VersionTag = "ml.model.version";
}
