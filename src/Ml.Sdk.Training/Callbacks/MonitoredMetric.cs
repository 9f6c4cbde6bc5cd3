using System.Globalization;

namespace Ml.Sdk.Training.Callbacks;

/// <summary>Reads a monitored metric from an epoch and compares values in a mode; shared by the metric-driven callbacks.</summary>
internal static class MonitoredMetric
{
    public static double Read(EpochSummary epoch, string monitor, string callbackName)
    {
        if (epoch.Metrics.TryGetValue(monitor, out double value))
        {
            return value;
        }

        string available = string.Join(", ", epoch.Metrics.Keys.Order(StringComparer.Ordinal));
        throw new InvalidOperationException(
            $"{callbackName} monitors '{monitor}', which epoch {epoch.Epoch.ToString(CultureInfo.InvariantCulture)} did not report " +
            $"(it reported: {available}). Give validation data for val_ metrics, or monitor another metric.");
    }

    /// <summary>Whether <paramref name="current"/> improves on <paramref name="best"/> by more than <paramref name="minDelta"/>; NaN never does.</summary>
    public static bool Improves(double current, double best, MonitorMode mode, double minDelta)
    {
        if (double.IsNaN(current))
        {
            return false;
        }

        return mode == MonitorMode.Min ? current < best - minDelta : current > best + minDelta;
    }

    public static double Worst(MonitorMode mode) => mode == MonitorMode.Min ? double.PositiveInfinity : double.NegativeInfinity;
}
