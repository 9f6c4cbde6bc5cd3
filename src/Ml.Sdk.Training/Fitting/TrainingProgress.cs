namespace Ml.Sdk.Training;

/// <summary>A progress report from a running fit, for a progress bar or a dashboard.</summary>
/// <param name="Epoch">The current epoch, counted from 1.</param>
/// <param name="MaxEpochs">The epochs the fit runs in all.</param>
/// <param name="BatchInEpoch">Batches done in this epoch.</param>
/// <param name="BatchesPerEpoch">Batches per epoch, or <see langword="null"/> for a stream of unknown length.</param>
/// <param name="GlobalStep">Optimizer steps since the fit began.</param>
/// <param name="Loss">Mean training loss of the epoch so far.</param>
/// <param name="Metrics">The last finished epoch's metrics (empty before the first ends).</param>
/// <param name="SamplesPerSecond">Training throughput over this fit so far.</param>
/// <param name="EstimatedRemaining">Time left at the current pace, or <see langword="null"/> when unknown.</param>
/// <param name="IsEpochEnd">Whether this report marks the end of an epoch (metrics are that epoch's).</param>
public sealed record TrainingProgress(
    int Epoch,
    int MaxEpochs,
    int BatchInEpoch,
    int? BatchesPerEpoch,
    long GlobalStep,
    double Loss,
    IReadOnlyDictionary<string, double> Metrics,
    double SamplesPerSecond,
    TimeSpan? EstimatedRemaining,
    bool IsEpochEnd);
