using TorchSharp;
using static TorchSharp.torch.nn;

namespace Ml.Sdk.Training.Tests.Onnx;

/// <summary>
/// A generated architecture: an MLP (<see cref="SpatialRank"/> 0) or a Conv1d/Conv2d stack ending in Flatten and
/// Linear, optionally followed by Softmax or LogSoftmax. Weights come from <see cref="Seed"/>.
/// </summary>
public sealed record ModelRecipe(int Seed, int SpatialRank, int Channels, int Length, IReadOnlyList<LayerRecipe> Layers, int OutFeatures, int Head)
{
    public long[] FeatureShape => SpatialRank switch
    {
        0 => [Channels],
        1 => [Channels, Length],
        _ => [Channels, Length, Length],
    };

    public Module<torch.Tensor, torch.Tensor> Build()
    {
        torch.manual_seed(Seed);
        var modules = new List<Module<torch.Tensor, torch.Tensor>>();
        long width = Channels;
        long length = Length;
        foreach (LayerRecipe layer in Layers)
        {
            Module<torch.Tensor, torch.Tensor>? module = Create(layer, ref width, ref length);
            if (module is not null)
            {
                modules.Add(module);
            }
        }

        if (SpatialRank > 0)
        {
            modules.Add(Flatten());
            width *= SpatialRank == 1 ? length : length * length;
        }

        modules.Add(Linear(width, OutFeatures));
        if (Head == 1)
        {
            modules.Add(Softmax(1));
        }
        else if (Head == 2)
        {
            modules.Add(LogSoftmax(1));
        }

        return Sequential(modules);
    }

    public override string ToString() =>
        $"seed {Seed}, rank {SpatialRank}, input {string.Join('x', FeatureShape)}: {string.Join(" > ", Layers)} > Linear({OutFeatures}) head#{Head}";

    /// <summary>Makes one layer, or <see langword="null"/> when it would shrink the signal to nothing.</summary>
    private Module<torch.Tensor, torch.Tensor>? Create(LayerRecipe layer, ref long width, ref long length)
    {
        switch (layer.Kind)
        {
            case LayerKind.Linear:
                Module<torch.Tensor, torch.Tensor> linear = Linear(width, layer.Size);
                width = layer.Size;
                return linear;
            case LayerKind.Activation:
                return Activation(layer.Variant);
            case LayerKind.BatchNorm:
                return SpatialRank == 2 ? BatchNorm2d(width) : BatchNorm1d(width);
            case LayerKind.Dropout:
                return Dropout(0.3);
            case LayerKind.Conv:
                bool same = layer.Variant == 1;
                long convLength = same ? length : OutputLength(length, layer);
                if (convLength < 1)
                {
                    return null;
                }

                Module<torch.Tensor, torch.Tensor> conv = (SpatialRank, same) switch
                {
                    (1, true) => Conv1d(width, layer.Size, layer.Kernel, TorchSharp.Padding.Same),
                    (1, false) => Conv1d(width, layer.Size, layer.Kernel, stride: layer.Stride, padding: layer.Padding),
                    (_, true) => Conv2d(width, layer.Size, layer.Kernel, TorchSharp.Padding.Same),
                    _ => Conv2d(width, layer.Size, layer.Kernel, stride: layer.Stride, padding: layer.Padding),
                };
                (width, length) = (layer.Size, convLength);
                return conv;
            default:
                long poolLength = OutputLength(length, layer);
                if (poolLength < 1)
                {
                    return null;
                }

                length = poolLength;
                return Pool(layer);
        }
    }

    /// <summary>The floor-mode output length of a window sliding over <paramref name="length"/>; 0 when none fits.</summary>
    private static long OutputLength(long length, LayerRecipe layer)
    {
        long room = length + (2 * layer.Padding) - layer.Kernel;
        return room < 0 ? 0 : (room / layer.Stride) + 1;
    }

    private Module<torch.Tensor, torch.Tensor> Pool(LayerRecipe layer) => (SpatialRank, layer.Variant) switch
    {
        (1, 0) => MaxPool1d(layer.Kernel, layer.Stride, layer.Padding),
        (1, _) => AvgPool1d(layer.Kernel, layer.Stride, layer.Padding, count_include_pad: layer.Variant == 1),
        (_, 0) => MaxPool2d(layer.Kernel, layer.Stride, layer.Padding),
        _ => AvgPool2d(layer.Kernel, layer.Stride, layer.Padding, count_include_pad: layer.Variant == 1),
    };

    private static Module<torch.Tensor, torch.Tensor> Activation(int variant) => variant switch
    {
        0 => ReLU(),
        1 => LeakyReLU(0.1),
        2 => GELU(),
        3 => GELU(TorchSharp.Modules.GELU.Approximate.tanh),
        4 => Sigmoid(),
        _ => Tanh(),
    };
}
