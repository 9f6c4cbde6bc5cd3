using TorchSharp;

namespace Ml.Sdk.Training.Data.Internal;

/// <summary>Features and labels held as tensors whose first dimension is the row.</summary>
internal sealed class InMemoryTrainingData : TrainingData
{
    private readonly bool _ownsTensors;

    public InMemoryTrainingData(torch.Tensor features, torch.Tensor labels, bool ownsTensors)
    {
        _ownsTensors = ownsTensors;
        try
        {
            Validate(features, labels);
        }
        catch
        {
            DisposeOwned(features, labels, ownsTensors);
            throw;
        }

        Features = features;
        Labels = labels;
    }

    public torch.Tensor Features { get; }

    public torch.Tensor Labels { get; }

    public override long? Count => Features.shape[0];

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            DisposeOwned(Features, Labels, _ownsTensors);
        }

        base.Dispose(disposing);
    }

    private static void Validate(torch.Tensor features, torch.Tensor labels)
    {
        if (features.dim() < 1 || labels.dim() < 1)
        {
            throw new ArgumentException("Features and labels need a first (row) dimension.", nameof(features));
        }

        if (features.shape[0] != labels.shape[0])
        {
            throw new ArgumentException($"The features hold {features.shape[0]} rows but the labels hold {labels.shape[0]}: each row needs exactly one.", nameof(labels));
        }

        if (features.shape[0] == 0)
        {
            throw new ArgumentException("The dataset is empty: training needs at least one row.", nameof(features));
        }

        if (features.dtype != torch.ScalarType.Float32)
        {
            throw new ArgumentException($"Features must be float32; got {features.dtype}.", nameof(features));
        }

        if (labels.dtype is not (torch.ScalarType.Int64 or torch.ScalarType.Float32))
        {
            throw new ArgumentException($"Labels must be int64 class indices or float32 targets; got {labels.dtype}.", nameof(labels));
        }
    }

    private static void DisposeOwned(torch.Tensor features, torch.Tensor labels, bool owns)
    {
        if (owns)
        {
            features.Dispose();
            labels.Dispose();
        }
    }
}
