using System.Globalization;
using System.Text.Json;
using Ml.Sdk.Training.Callbacks.Internal;

namespace Ml.Sdk.Training.Callbacks;

/// <summary>
/// Stops the fit when a monitored metric has not improved for <see cref="Patience"/> epochs (Keras' and Lightning's
/// semantics: an epoch improves when it beats the best so far by more than <see cref="MinDelta"/>).
/// </summary>
public sealed class EarlyStopping : ICheckpointableCallback
{
    /// <summary>Creates the callback.</summary>
    /// <param name="monitor">The metric, e.g. <c>val_loss</c>.</param>
    /// <param name="mode">Which direction is better.</param>
    /// <param name="patience">Epochs without improvement before stopping; at least 1.</param>
    /// <param name="minDelta">The least change that counts as an improvement; not negative.</param>
    /// <exception cref="ArgumentException">An argument is out of range.</exception>
    public EarlyStopping(string monitor = "val_loss", MonitorMode mode = MonitorMode.Min, int patience = 3, double minDelta = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(monitor);
        ArgumentOutOfRangeException.ThrowIfLessThan(patience, 1);
        if (!(minDelta >= 0) || double.IsInfinity(minDelta))
        {
            throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, "The minimum delta must be finite and not negative.");
        }

        Monitor = monitor;
        Mode = mode;
        Patience = patience;
        MinDelta = minDelta;
        Best = MonitoredMetric.Worst(mode);
    }

    /// <summary>Gets the monitored metric.</summary>
    public string Monitor { get; }

    /// <summary>Gets which direction is better.</summary>
    public MonitorMode Mode { get; }

    /// <summary>Gets the epochs without improvement tolerated.</summary>
    public int Patience { get; }

    /// <summary>Gets the least change that counts as an improvement.</summary>
    public double MinDelta { get; }

    /// <summary>Gets the best value seen.</summary>
    public double Best { get; private set; }

    /// <summary>Gets the epoch of the best value, or 0.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>Gets the epochs since the last improvement.</summary>
    public int Wait { get; private set; }

    /// <summary>Gets the epoch at which this callback stopped the fit, or 0.</summary>
    public int StoppedEpoch { get; private set; }

    /// <inheritdoc />
    public string StateKey => $"early_stopping:{Monitor}";

    /// <inheritdoc />
    public void OnEpochEnd(TrainingContext context, EpochSummary epoch)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(epoch);
        double current = MonitoredMetric.Read(epoch, Monitor, nameof(EarlyStopping));
        if (MonitoredMetric.Improves(current, Best, Mode, MinDelta))
        {
            Best = current;
            BestEpoch = epoch.Epoch;
            Wait = 0;
            return;
        }

        Wait++;
        if (Wait >= Patience)
        {
            StoppedEpoch = epoch.Epoch;
            context.RequestStop(string.Create(
                CultureInfo.InvariantCulture,
                $"early stopping: {Monitor} has not improved on {Best:G6} (epoch {BestEpoch}) for {Wait} epoch(s)"));
        }
    }

    /// <inheritdoc />
    public string SaveState() => JsonSerializer.Serialize(new EarlyStoppingState(Best, BestEpoch, Wait), CallbackStateJson.Default.EarlyStoppingState);

    /// <inheritdoc />
    public void LoadState(string state)
    {
        ArgumentNullException.ThrowIfNull(state);
        EarlyStoppingState restored = JsonSerializer.Deserialize(state, CallbackStateJson.Default.EarlyStoppingState)
            ?? throw new ArgumentException("The early-stopping state is empty.", nameof(state));
        Best = restored.Best;
        BestEpoch = restored.BestEpoch;
        Wait = restored.Wait;
    }
}
