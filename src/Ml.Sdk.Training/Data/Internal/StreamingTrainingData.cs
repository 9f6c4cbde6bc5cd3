namespace Ml.Sdk.Training.Data.Internal;

/// <summary>A dataset read from a caller's stream of batches, once per epoch.</summary>
internal sealed class StreamingTrainingData(Func<CancellationToken, IAsyncEnumerable<TrainingBatch>> source) : TrainingData
{
    public Func<CancellationToken, IAsyncEnumerable<TrainingBatch>> Source { get; } = source;

    public override long? Count => null;
}
