using System.Reflection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Ml.Sdk.Serving.Internal;

namespace Ml.Sdk.Serving.Tests.TestSupport;

/// <summary>
/// Reaches the loaded versions behind a server (InternalsVisibleTo), to check that a swapped-out version is retired
/// and its session disposed once its last request is done; and reads the serving gauges for one model.
/// </summary>
internal static class VersionsInternals
{
    private static readonly FieldInfo s_disposed = typeof(LoadedVersion).GetField("_disposed", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException("LoadedVersion has no _disposed field any more; update this helper.");

    public static LoadedVersion Loaded(IModelServer server, string model, int version)
    {
        ModelHost host = ((ModelServer)server).Hosts.Single(h => h.Name == model);
        ModelRoutes routes = host.Routes ?? throw new InvalidOperationException($"Model '{model}' has no routes yet.");
        return routes.Versions[version];
    }

    /// <summary>Whether the version's session (and batcher) were disposed.</summary>
    public static bool IsDisposed(LoadedVersion version) => (int)s_disposed.GetValue(version)! != 0;

    /// <summary>The last value of the loaded-versions gauge for one model.</summary>
    public static int LoadedVersionsGauge(string model)
    {
        using var collector = new MetricCollector<int>((object?)null, ServingTelemetry.Name, ServingTelemetry.LoadedVersionsInstrument);
        collector.RecordObservableInstruments();
        CollectedMeasurement<int>[] mine = [.. collector.GetMeasurementSnapshot().Where(m => Equals(m.Tags.GetValueOrDefault(ServingTelemetry.ModelTag), model))];
        return mine.Length == 1
            ? mine[0].Value
            : throw new Xunit.Sdk.XunitException($"Expected one {ServingTelemetry.LoadedVersionsInstrument} measurement for '{model}', got {mine.Length}.");
    }

    /// <summary>Counts the increments of a serving counter for one model, optionally with one more tag.</summary>
    public static long Sum(MetricCollector<long> collector, string model, string? tag = null, string? value = null) =>
        collector.GetMeasurementSnapshot()
            .Where(m => Equals(m.Tags.GetValueOrDefault(ServingTelemetry.ModelTag), model)
                && (tag is null || Equals(m.Tags.GetValueOrDefault(tag), value)))
            .Sum(static m => m.Value);

    public static MetricCollector<long> Counter(string instrument) => new((object?)null, ServingTelemetry.Name, instrument);
}
