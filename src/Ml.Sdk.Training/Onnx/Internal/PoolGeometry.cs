using TorchSharp;
using TorchSharp.Modules;

namespace Ml.Sdk.Training.Onnx.Internal;

/// <summary>The settings of a 1d or 2d pooling module, with TorchSharp's unset defaults filled in.</summary>
internal sealed record PoolGeometry(
    bool IsMax, long[] Kernel, long[] Strides, long[] Padding, long[] Dilations, bool CeilMode, bool CountIncludePad, long? DivisorOverride)
{
    /// <summary>Reads a pooling module's settings, or returns <see langword="null"/> when it is not one we know.</summary>
    public static PoolGeometry? Read(torch.nn.Module module) => module switch
    {
        MaxPool1d m => Create(true, [m.kernel_size], One(m.stride), One(m.padding), One(m.dilation), m.ceil_mode, false, null),
        MaxPool2d m => Create(true, m.kernel_size, m.stride, m.padding, m.dilation, m.ceil_mode, false, null),
        AvgPool1d m => Create(false, [m.kernel_size], One(m.stride), One(m.padding), null, m.ceil_mode, m.count_include_pad, null),
        AvgPool2d m => Create(false, m.kernel_size, m.stride, m.padding, null, m.ceil_mode, m.count_include_pad, m.divisor_override),
        _ => null,
    };

    private static PoolGeometry Create(bool isMax, long[] kernel, long[]? strides, long[]? padding, long[]? dilations,
        bool ceilMode, bool countIncludePad, long? divisorOverride) =>
        new(isMax, kernel,
            strides is { Length: > 0 } ? strides : kernel, // PyTorch's default stride is the kernel size
            SpatialDims.OrFilled(padding, kernel.Length, 0),
            SpatialDims.OrFilled(dilations, kernel.Length, 1),
            ceilMode, countIncludePad, divisorOverride);

    private static long[]? One(long? value) => value is long v ? [v] : null;
}
