using System.ComponentModel.DataAnnotations;

namespace Ml.Sdk.Monitoring;

/// <summary>Settings shared by every monitored model (each model's own settings are on <see cref="Live.ModelMonitorBuilder"/>).</summary>
public sealed class MlMonitoringOptions
{
    /// <summary>
    /// Gets or sets how many sampled inferences may wait for the background service before new ones are dropped (and
    /// counted). The observer never blocks the serving path.
    /// </summary>
    /// <value>The default is 8192.</value>
    [Range(1, 10_000_000)]
    public int QueueCapacity { get; set; } = 8192;

    /// <summary>Gets or sets how many predictions per model are kept waiting for their ground truth; the oldest is evicted (and counted as expired) beyond it.</summary>
    /// <value>The default is 100,000.</value>
    [Range(1, 100_000_000)]
    public int MaxPendingPredictions { get; set; } = 100_000;

    /// <summary>Gets or sets how long a prediction waits for its ground truth before it is evicted (and counted as expired).</summary>
    /// <value>The default is 24 hours.</value>
    public TimeSpan PendingPredictionLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Gets or sets how many ground-truth labels per model may wait for a prediction that has not arrived yet; the oldest is dropped (and counted as unmatched) beyond it.</summary>
    /// <value>The default is 10,000.</value>
    [Range(0, 10_000_000)]
    public int MaxEarlyGroundTruth { get; set; } = 10_000;

    /// <summary>Gets or sets how long a ground-truth label waits for its prediction (which may still be in the monitoring queue) before it is counted as unmatched.</summary>
    /// <value>The default is 5 minutes.</value>
    public TimeSpan EarlyGroundTruthLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
