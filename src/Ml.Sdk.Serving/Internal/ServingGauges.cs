using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Ml.Sdk.Serving.Internal;

/// <summary>The observable gauges (queue length, loaded versions), created once and read over every live server.</summary>
internal static class ServingGauges
{
    private static readonly ConcurrentDictionary<ModelServer, byte> s_servers = new();

    static ServingGauges()
    {
        ServingTelemetry.Meter.CreateObservableGauge(ServingTelemetry.QueueLengthInstrument, static () => Measure(static h => h.QueueLength), "{request}", "Requests waiting, over all versions of a model.");
        ServingTelemetry.Meter.CreateObservableGauge(ServingTelemetry.LoadedVersionsInstrument, static () => Measure(static h => h.Routes?.Versions.Count ?? 0), "{version}", "Versions loaded and taking traffic.");
    }

    public static void Track(ModelServer server) => s_servers.TryAdd(server, 0);

    public static void Untrack(ModelServer server) => s_servers.TryRemove(server, out _);

    private static IEnumerable<Measurement<int>> Measure(Func<ModelHost, int> value)
    {
        foreach (ModelServer server in s_servers.Keys)
        {
            foreach (ModelHost host in server.Hosts)
            {
                yield return new Measurement<int>(value(host), new KeyValuePair<string, object?>(ServingTelemetry.ModelTag, host.Name));
            }
        }
    }
}
