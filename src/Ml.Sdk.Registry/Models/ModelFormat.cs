namespace Ml.Sdk.Registry;

/// <summary>The serialization format of a model version's artifacts, which tells a server how to load them.</summary>
public enum ModelFormat
{
    /// <summary>An ONNX graph, served with ONNX Runtime.</summary>
    Onnx = 0,

    /// <summary>TorchSharp weights (a <c>.dat</c> state dictionary or a TorchScript module).</summary>
    TorchSharp = 1,

    /// <summary>Anything else; the registry stores it but a server must know how to load it.</summary>
    Other = 2,
}
