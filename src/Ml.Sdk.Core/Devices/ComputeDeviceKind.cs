namespace Ml.Sdk.Core.Devices;

/// <summary>What kind of device a computation asks for.</summary>
public enum ComputeDeviceKind
{
    /// <summary>CUDA when the runtime's CUDA build is present and a GPU is visible, otherwise CPU.</summary>
    Auto = 0,

    /// <summary>The CPU.</summary>
    Cpu = 1,

    /// <summary>A CUDA GPU; asking for it where CUDA is missing is an error.</summary>
    Cuda = 2,
}
