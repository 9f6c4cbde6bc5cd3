using System.Globalization;
using Ml.Sdk.Training;

namespace QuickStart.Chapters;

/// <summary>
/// Shows a fit's <see cref="TrainingProgress"/>: a bar redrawn in place on an interactive console, and one line per
/// epoch when the output is redirected (a log file, CI, a test).
/// </summary>
public sealed class ConsoleProgressBar(TextWriter output) : IProgress<TrainingProgress>, IDisposable
{
    private const int Width = 30;
    private readonly bool _interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
    private bool _drawn;

    public void Report(TrainingProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!_interactive && !value.IsEpochEnd)
        {
            return;
        }

        double fraction = value.BatchesPerEpoch is int total && total > 0 ? (double)value.BatchInEpoch / total : 1;
        int filled = (int)Math.Round(fraction * Width);
        string metrics = value.IsEpochEnd && value.Metrics.TryGetValue(TrainingChapter.Metric, out double f1)
            ? string.Create(CultureInfo.InvariantCulture, $" {TrainingChapter.Metric} {f1:F3}")
            : string.Empty;
        string eta = value.EstimatedRemaining is TimeSpan left ? string.Create(CultureInfo.InvariantCulture, $" ETA {left.TotalSeconds:F0} s") : string.Empty;
        string line = string.Create(CultureInfo.InvariantCulture,
            $"  epoch {value.Epoch,2}/{value.MaxEpochs} [{new string('#', filled)}{new string('.', Width - filled)}] loss {value.Loss:F4}{metrics} {value.SamplesPerSecond:N0} rows/s{eta}");
        if (_interactive)
        {
            output.Write("\r" + line.PadRight(Console.BufferWidth > 0 ? Math.Min(Console.BufferWidth - 1, 120) : 100));
            _drawn = true;
            if (value.IsEpochEnd)
            {
                output.WriteLine();
                _drawn = false;
            }
        }
        else
        {
            output.WriteLine(line);
        }
    }

    public void Finish()
    {
        if (_drawn)
        {
            output.WriteLine();
            _drawn = false;
        }
    }

    public void Dispose() => Finish();
}
