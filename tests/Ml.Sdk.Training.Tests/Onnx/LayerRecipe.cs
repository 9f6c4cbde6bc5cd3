namespace Ml.Sdk.Training.Tests.Onnx;

/// <summary>One generated layer; which fields matter depends on <see cref="Kind"/>.</summary>
/// <param name="Kind">The layer type.</param>
/// <param name="Size">Linear output features or conv output channels.</param>
/// <param name="Kernel">Conv or pool kernel size.</param>
/// <param name="Stride">Conv or pool stride.</param>
/// <param name="Padding">Conv or pool padding.</param>
/// <param name="Variant">
/// Activation: ReLU, LeakyReLU, GELU, GELU-tanh, Sigmoid, Tanh. Conv: explicit padding or "same".
/// Pool: max, average counting padding, average excluding padding.
/// </param>
public sealed record LayerRecipe(LayerKind Kind, int Size = 0, int Kernel = 0, int Stride = 1, int Padding = 0, int Variant = 0)
{
    public override string ToString() => Kind switch
    {
        LayerKind.Linear => $"Linear({Size})",
        LayerKind.Activation => $"Activation#{Variant}",
        LayerKind.Conv => $"Conv(out={Size},k={Kernel},s={Stride},p={(Variant == 1 ? "same" : Padding)})",
        LayerKind.Pool => $"Pool#{Variant}(k={Kernel},s={Stride},p={Padding})",
        _ => Kind.ToString(),
    };
}
