namespace Ml.Sdk.Training.Tests.Onnx;

public enum LayerKind
{
    Linear,
    Activation,
    BatchNorm,
    Dropout,
    Conv,
    Pool,
}
