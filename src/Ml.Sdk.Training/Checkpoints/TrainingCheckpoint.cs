using Ml.Sdk.Training.Checkpoints.Internal;
using TorchSharp;

namespace Ml.Sdk.Training.Checkpoints;

/// <summary>Reads checkpoint files written by <see cref="Trainer"/>: their description, or their weights into a model.</summary>
public static class TrainingCheckpoint
{
    /// <summary>Reads what a checkpoint says about itself, after verifying its SHA-256.</summary>
    /// <param name="path">The checkpoint file.</param>
    /// <returns>Its description.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a checkpoint, or is corrupt or truncated.</exception>
    public static CheckpointInfo ReadInfo(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        (CheckpointHeader header, BinaryReader tensors) = CheckpointFile.Open(path);
        tensors.Dispose();
        return new CheckpointInfo(
            header.EpochsCompleted,
            header.GlobalStep,
            header.BatchInEpoch,
            header.OptimizerType,
            header.Parameters.ConvertAll(static p => KeyValuePair.Create(p.Name, p.Shape)),
            header.Metrics,
            header.CreatedAt);
    }

    /// <summary>Loads a checkpoint's weights (and buffers) into <paramref name="model"/>, e.g. the best epoch's before export.</summary>
    /// <param name="model">A model of the same architecture.</param>
    /// <param name="path">The checkpoint file.</param>
    /// <exception cref="CheckpointMismatchException">The architecture differs; the message names the first mismatched parameter and both shapes. The model is unchanged.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a checkpoint, or is corrupt or truncated.</exception>
    public static void LoadWeights(torch.nn.Module model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        (CheckpointHeader header, BinaryReader tensors) = CheckpointFile.Open(path);
        using (tensors)
        {
            CheckpointFile.EnsureSameArchitecture(path, header.Parameters, CheckpointFile.DescribeState(model));
            model.load(tensors, strict: true);
        }
    }
}
