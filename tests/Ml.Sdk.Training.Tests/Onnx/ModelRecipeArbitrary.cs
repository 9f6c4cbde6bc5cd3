using FsCheck;
using FsCheck.Fluent;

namespace Ml.Sdk.Training.Tests.Onnx;

/// <summary>FsCheck generators for <see cref="ModelRecipe"/>: small MLPs and conv stacks drawn from the supported modules.</summary>
public static class ModelRecipeArbitrary
{
    private static readonly Gen<LayerRecipe> s_activation =
        Gen.Choose(0, 5).Select(v => new LayerRecipe(LayerKind.Activation, Variant: v));

    private static readonly Gen<LayerRecipe> s_batchNorm = Gen.Constant(new LayerRecipe(LayerKind.BatchNorm));

    private static readonly Gen<LayerRecipe> s_dropout = Gen.Constant(new LayerRecipe(LayerKind.Dropout));

    private static readonly Gen<LayerRecipe> s_mlpLayer = Gen.OneOf(
        Gen.Choose(1, 8).Select(n => new LayerRecipe(LayerKind.Linear, Size: n)),
        s_activation,
        s_batchNorm,
        s_dropout);

    private static readonly Gen<LayerRecipe> s_conv =
        from size in Gen.Choose(1, 4)
        from kernel in Gen.Choose(1, 3)
        from stride in Gen.Choose(1, 2)
        from padding in Gen.Choose(0, 1)
        from same in Gen.Choose(0, 3)
        select same == 0
            ? new LayerRecipe(LayerKind.Conv, size, kernel, Stride: 1, Variant: 1)
            : new LayerRecipe(LayerKind.Conv, size, kernel, stride, padding);

    private static readonly Gen<LayerRecipe> s_pool =
        from kernel in Gen.Choose(2, 3)
        from stride in Gen.Choose(1, 2)
        from padding in Gen.Choose(0, 1)
        from variant in Gen.Choose(0, 2)
        select new LayerRecipe(LayerKind.Pool, Kernel: kernel, Stride: stride, Padding: padding, Variant: variant);

    private static readonly Gen<LayerRecipe> s_convLayer = Gen.Frequency(
        (3, s_conv), (2, s_pool), (1, s_batchNorm), (2, s_activation), (1, s_dropout));

    public static Arbitrary<ModelRecipe> Recipes() => Arb.From(
        from seed in Gen.Choose(0, 1_000_000)
        from rank in Gen.Choose(0, 2)
        from channels in Gen.Choose(1, 4)
        from length in Gen.Choose(4, 9)
        from count in Gen.Choose(1, 5)
        from layers in Gen.ArrayOf(rank == 0 ? s_mlpLayer : s_convLayer, count)
        from outFeatures in Gen.Choose(1, 5)
        from head in Gen.Choose(0, 2)
        select new ModelRecipe(seed, rank, channels, length, layers, outFeatures, head));
}
