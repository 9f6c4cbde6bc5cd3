using TorchSharp;

namespace Ml.Sdk.Training.Tests.Onnx;

/// <summary>A user-defined module the exporter does not know: multiplies its input by a constant.</summary>
public sealed class Scale : torch.nn.Module<torch.Tensor, torch.Tensor>
{
    public Scale(float factor)
        : base(nameof(Scale))
    {
        Factor = factor;
    }

    public float Factor { get; }

    public override torch.Tensor forward(torch.Tensor input) => input * Factor;
}
