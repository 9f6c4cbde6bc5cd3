using TorchSharp;

namespace Ml.Sdk.Training.Data.Internal;

/// <summary>Features and labels held as CPU tensors whose first dimension is the row.</summary>
internal sealed class InMemoryTrainingData : TrainingData
{
    private readonly bool _ownsTensors;

    public InMemoryTrainingData(torch.Tensor features, torch.Tensor labels, bool ownsTensors)
    {
        _ownsTensors = ownsTensors;
        if (features.dim() < 1 || labels.dim() < 1)
        {
            DisposeOwned(features, labels, ownsTensors);
            throw new ArgumentException("Features and labels need a first (row) dimension.", nameof(features));
        }

        if (features.shape[0] != labels.shape[0])
        {
            long featureRows = features.shape[0];
            long labelRows = labels.shape[0];
            DisposeOwned(features, labels, ownsTensors);
            throw new ArgumentException($"The features hold {featureRows} rows but the labels hold {labelRows}: each row needs exactly one.", nameof(labels));
        }

        if (features.shape[0] == 0)
        {
            DisposeOwned(features, labels, ownsTensors);
            throw new ArgumentException("The dataset is empty: training needs at least one row.", nameof(features));
        }

        if (features.dtype != torch.ScalarType.Float32)
        {
            torch.ScalarType type = features.dtype;
            DisposeOwned(features, labels, ownsTensors);
            throw new ArgumentException($"Features must be float32; got {type}.", nameof(features));
        }

        if (labels.dtype is not (torch.ScalarType.Int64 or torch.ScalarType.Float32))
        {
            torch.ScalarType type = labels.dtype;
            DisposeOwned(features, labels, ownsTensors);
            throw new ArgumentException($"Labels must be int64 class indices or float32 targets; got {type}.", nameof(labels));
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

    private static void DisposeOwned(torch.Tensor features, torch.Tensor labels, bool owns)
    {
        if (owns)
        {
            features.Dispose();
            labels.Dispose();
        }
    }
}
