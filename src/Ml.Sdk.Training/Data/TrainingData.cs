using System.Numerics.Tensors;
using Ml.Sdk.Training.Data.Internal;
using TorchSharp;

namespace Ml.Sdk.Training;

/// <summary>
/// A dataset for <see cref="Trainer.FitAsync"/>: features and labels held in memory (arrays, TorchSharp tensors or
/// <see cref="Tensor{T}"/>), or a stream of batches. Create one with the <c>From...</c> factories.
/// </summary>
/// <remarks>
/// In-memory data can be shuffled (seeded) and split for validation by the trainer, and is checked in full (lengths,
/// NaN and infinities, label range) before any step runs. A stream is enumerated once per epoch in the source's own
/// order; each batch is checked before its step.
/// </remarks>
public abstract class TrainingData : IDisposable
{
    private protected TrainingData()
    {
    }

    /// <summary>Gets the number of rows, or <see langword="null"/> for a stream whose length is unknown.</summary>
    public abstract long? Count { get; }

    /// <summary>Creates in-memory data from row-major features and class labels (classification).</summary>
    /// <param name="features">Row-major features, <paramref name="featureCount"/> values per row.</param>
    /// <param name="featureCount">Features per row.</param>
    /// <param name="labels">One class index per row.</param>
    /// <returns>The dataset; it owns copies of the arrays.</returns>
    /// <exception cref="ArgumentException">The lengths do not agree, or the data is empty.</exception>
    public static TrainingData FromArrays(float[] features, int featureCount, long[] labels)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        long rows = RowsOf(features, featureCount, labels.Length, nameof(labels));
        return new InMemoryTrainingData(torch.tensor(features, [rows, featureCount]), torch.tensor(labels), ownsTensors: true);
    }

    /// <summary>Creates in-memory data from row-major features and float targets (regression).</summary>
    /// <param name="features">Row-major features, <paramref name="featureCount"/> values per row.</param>
    /// <param name="featureCount">Features per row.</param>
    /// <param name="targets">One target per row.</param>
    /// <returns>The dataset; it owns copies of the arrays.</returns>
    /// <exception cref="ArgumentException">The lengths do not agree, or the data is empty.</exception>
    public static TrainingData FromArrays(float[] features, int featureCount, float[] targets)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        long rows = RowsOf(features, featureCount, targets.Length, nameof(targets));
        return new InMemoryTrainingData(torch.tensor(features, [rows, featureCount]), torch.tensor(targets), ownsTensors: true);
    }

    /// <summary>Creates in-memory data from TorchSharp tensors; the first dimension of both is the row.</summary>
    /// <param name="features">Float32 features <c>[rows, ...]</c>.</param>
    /// <param name="labels">Int64 labels <c>[rows]</c> (classification) or float32 targets (regression).</param>
    /// <returns>The dataset. It does not own the tensors: the caller disposes them after the fit.</returns>
    /// <exception cref="ArgumentException">The row counts differ, the data is empty, or an element type is wrong.</exception>
    public static TrainingData FromTensors(torch.Tensor features, torch.Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        return new InMemoryTrainingData(features, labels, ownsTensors: false);
    }

    /// <summary>Creates in-memory data from Core's tensor currency (classification labels).</summary>
    /// <param name="features">Features <c>[rows, ...]</c>.</param>
    /// <param name="labels">Class labels <c>[rows]</c>.</param>
    /// <returns>The dataset; it owns copies of the data.</returns>
    /// <exception cref="ArgumentException">The row counts differ or the data is empty.</exception>
    public static TrainingData FromTensors(Tensor<float> features, Tensor<long> labels)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        return new InMemoryTrainingData(TensorConversion.ToTorch(features), TensorConversion.ToTorch(labels), ownsTensors: true);
    }

    /// <summary>Creates in-memory data from Core's tensor currency (regression targets).</summary>
    /// <param name="features">Features <c>[rows, ...]</c>.</param>
    /// <param name="targets">Targets <c>[rows]</c> or <c>[rows, k]</c>.</param>
    /// <returns>The dataset; it owns copies of the data.</returns>
    /// <exception cref="ArgumentException">The row counts differ or the data is empty.</exception>
    public static TrainingData FromTensors(Tensor<float> features, Tensor<float> targets)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        return new InMemoryTrainingData(TensorConversion.ToTorch(features), TensorConversion.ToTorch(targets), ownsTensors: true);
    }

    /// <summary>Creates a streamed dataset: <paramref name="source"/> is called once per epoch and enumerated to its end.</summary>
    /// <param name="source">Yields the epoch's batches in order; the trainer disposes each batch's tensors.</param>
    /// <returns>The dataset.</returns>
    /// <remarks>Streams are not shuffled or split by the trainer; give validation data separately.</remarks>
    public static TrainingData FromBatches(Func<CancellationToken, IAsyncEnumerable<TrainingBatch>> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new StreamingTrainingData(source);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the tensors this dataset owns.</summary>
    /// <param name="disposing"><see langword="true"/> from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }

    private static long RowsOf(float[] features, int featureCount, int labelCount, string labelsName)
    {
        int featureValues = features.Length;
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        if (featureValues % featureCount != 0)
        {
            throw new ArgumentException($"The features hold {featureValues} values, which is not a multiple of {featureCount} features per row.", nameof(features));
        }

        long rows = featureValues / featureCount;
        if (rows != labelCount)
        {
            throw new ArgumentException($"The features hold {rows} rows but {labelsName} holds {labelCount}: each row needs exactly one.", labelsName);
        }

        if (rows == 0)
        {
            throw new ArgumentException("The dataset is empty: training needs at least one row.", nameof(features));
        }

        return rows;
    }
}
