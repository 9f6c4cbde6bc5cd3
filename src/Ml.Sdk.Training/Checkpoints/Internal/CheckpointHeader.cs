namespace Ml.Sdk.Training.Checkpoints.Internal;

/// <summary>The JSON header of a checkpoint file: everything but the tensors.</summary>
internal sealed class CheckpointHeader
{
    public int EpochsCompleted { get; set; }

    public long GlobalStep { get; set; }

    public int BatchInEpoch { get; set; }

    public int Seed { get; set; }

    public string Task { get; set; } = string.Empty;

    public string OptimizerType { get; set; } = string.Empty;

    public List<ParameterShape> Parameters { get; set; } = [];

    public Dictionary<string, string> CallbackStates { get; set; } = [];

    public Dictionary<string, double> Metrics { get; set; } = [];

    public string RngState { get; set; } = string.Empty;

    /// <summary>For a checkpoint written mid-epoch: the sum of that epoch's batch losses so far, so the resumed epoch's mean is exact.</summary>
    public double EpochLossSum { get; set; }

    public int EpochLossCount { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One entry of the model's state dictionary.</summary>
internal sealed record ParameterShape(string Name, long[] Shape);
