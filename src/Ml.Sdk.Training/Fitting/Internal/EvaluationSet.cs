using TorchSharp;

namespace Ml.Sdk.Training.Fitting.Internal;

/// <summary>Validation rows held in memory (given, or split off the training data and then owned here).</summary>
internal sealed class EvaluationSet(torch.Tensor features, torch.Tensor labels, bool owned) : IDisposable
{
    public torch.Tensor Features { get; } = features;

    public torch.Tensor Labels { get; } = labels;

    public long RowCount => Features.shape[0];

    public void Dispose()
    {
        if (owned)
        {
            Features.Dispose();
            Labels.Dispose();
        }
    }
}
