namespace Ml.Sdk.Training.Onnx.Internal;

/// <summary>The converters the exporter always has, consulted after the caller's own.</summary>
internal static class BuiltInConverters
{
    public static IReadOnlyList<IOnnxModuleConverter> All { get; } =
    [
        new LinearConverter(),
        new ConvConverter(),
        new PoolConverter(),
        new BatchNormConverter(),
        new ActivationConverter(),
        new GeluConverter(),
        new FlattenConverter(),
        new PassThroughConverter(),
    ];
}
