namespace Ml.Sdk.Core.Devices;

/// <summary>
/// A native compute runtime (TorchSharp's libtorch for Training, ONNX Runtime for Serving) as far as device choice
/// is concerned. Each runtime package implements it; <see cref="ComputeDeviceResolver"/> applies the one rule.
/// </summary>
public interface IComputeRuntime
{
    /// <summary>Gets the runtime's name for logs and errors, e.g. <c>TorchSharp</c> or <c>ONNX Runtime</c>.</summary>
    string Name { get; }

    /// <summary>Reports whether this runtime can use CUDA here. Must not throw for a missing CUDA build.</summary>
    /// <returns>The report.</returns>
    CudaAvailability ProbeCuda();
}
