using System.Globalization;

namespace Ml.Sdk.Training.Fitting.Internal;

/// <summary>An epoch's metrics as log text, formatted only if the log line is written.</summary>
internal readonly struct MetricsText(IReadOnlyDictionary<string, double> metrics)
{
    public override string ToString() =>
        string.Join(", ", metrics.Select(static m => string.Create(CultureInfo.InvariantCulture, $"{m.Key}={m.Value:G5}")));
}
