using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Ml.Sdk.Registry.Models.Internal;

/// <summary>The process-wide activity source and instruments behind <see cref="ModelRegistryTelemetry"/>.</summary>
internal static class RegistryInstruments
{
    public static readonly ActivitySource Source = new(ModelRegistryTelemetry.ActivitySourceName);

    private static readonly Meter s_meter = new(ModelRegistryTelemetry.MeterName);

    public static readonly Counter<long> VersionsRegistered = s_meter.CreateCounter<long>(
        ModelRegistryTelemetry.VersionsRegistered, "{version}", "Model versions registered.");

    public static readonly Counter<long> ArtifactBytesStored = s_meter.CreateCounter<long>(
        ModelRegistryTelemetry.ArtifactBytesStored, "By", "Artifact bytes stored by registrations.");

    public static readonly Counter<long> IntegrityFailures = s_meter.CreateCounter<long>(
        ModelRegistryTelemetry.IntegrityFailures, "{read}", "Artifact reads refused because the content failed its SHA-256 check.");
}
