namespace Ml.Sdk.Training.Checkpoints;

/// <summary>What a checkpoint file says about itself, read without loading its tensors.</summary>
/// <param name="EpochsCompleted">Epochs finished when it was written.</param>
/// <param name="GlobalStep">Optimizer steps taken when it was written.</param>
/// <param name="BatchInEpoch">Batches already done in the next epoch (non-zero for a checkpoint written mid-epoch).</param>
/// <param name="OptimizerType">The optimizer's type name.</param>
/// <param name="Parameters">The model's state (parameters and buffers): name and shape, in order.</param>
/// <param name="Metrics">The last epoch's metrics.</param>
/// <param name="CreatedAt">When it was written.</param>
public sealed record CheckpointInfo(
    int EpochsCompleted,
    long GlobalStep,
    int BatchInEpoch,
    string OptimizerType,
    IReadOnlyList<KeyValuePair<string, long[]>> Parameters,
    IReadOnlyDictionary<string, double> Metrics,
    DateTimeOffset CreatedAt);
