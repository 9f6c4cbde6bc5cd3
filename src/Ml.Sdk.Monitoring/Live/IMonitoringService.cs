using Ml.Sdk.Monitoring.Drift;
using Ml.Sdk.Monitoring.Performance;

namespace Ml.Sdk.Monitoring.Live;

/// <summary>
/// Queries and feeds the live monitoring of served models: the latest drift verdicts, performance and fairness, and
/// the delayed ground truth. Registered by <c>AddMlMonitoring()</c>; thread-safe.
/// </summary>
public interface IMonitoringService
{
    /// <summary>Gets the monitored models' names.</summary>
    IReadOnlyCollection<string> ModelNames { get; }

    /// <summary>Returns the latest drift verdict of a model, or <see langword="null"/> before its first check.</summary>
    /// <param name="modelName">The monitored model.</param>
    /// <returns>The latest verdict.</returns>
    /// <exception cref="ArgumentException">The model is not monitored.</exception>
    DatasetDriftResult? GetLatestDrift(string modelName);

    /// <summary>
    /// Takes in every inference sampled so far and runs a drift check now (as the background service does every
    /// <see cref="ModelMonitorBuilder.CheckEvery"/>), with its alerts; then checks the performance limits.
    /// </summary>
    /// <param name="modelName">The monitored model.</param>
    /// <param name="cancellationToken">Cancels the wait for a check already running.</param>
    /// <returns>The verdict, or <see langword="null"/> when the window holds fewer rows than <see cref="ModelMonitorBuilder.MinimumRows"/>.</returns>
    /// <exception cref="ArgumentException">The model is not monitored.</exception>
    /// <exception cref="InvalidOperationException">The host has not started, so the reference profile is not loaded.</exception>
    ValueTask<DatasetDriftResult?> CheckNowAsync(string modelName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records the true label of an earlier request. It is joined with the prediction kept for
    /// <paramref name="requestId"/>; a label that arrives before its prediction (still in the monitoring queue) waits
    /// for it, briefly (<see cref="MlMonitoringOptions.EarlyGroundTruthLifetime"/>).
    /// </summary>
    /// <param name="modelName">The monitored model.</param>
    /// <param name="requestId">The request id the inference was served under.</param>
    /// <param name="label">The truth: 0 or 1 for binary classification, a finite number for regression.</param>
    /// <exception cref="ArgumentException">The model is not monitored, <paramref name="requestId"/> is empty, or the label is not valid for the task.</exception>
    /// <exception cref="InvalidOperationException">The model does not track performance.</exception>
    void RecordGroundTruth(string modelName, string requestId, double label);

    /// <summary>Computes the performance and fairness over the model's window of labelled predictions.</summary>
    /// <param name="modelName">The monitored model.</param>
    /// <returns>The snapshot, or <see langword="null"/> when the model does not track performance.</returns>
    /// <exception cref="ArgumentException">The model is not monitored.</exception>
    PerformanceSnapshot? GetPerformance(string modelName);

    /// <summary>Returns a model's counters: rows sampled and dropped, window size, checks, ground-truth joins.</summary>
    /// <param name="modelName">The monitored model.</param>
    /// <returns>The counters, as of now.</returns>
    /// <exception cref="ArgumentException">The model is not monitored.</exception>
    ModelMonitorStatus GetStatus(string modelName);
}
