namespace Ml.Sdk.Core.Devices;

/// <summary>The outcome of resolving a requested device for a runtime.</summary>
/// <param name="Requested">What was asked for.</param>
/// <param name="Device">What the runtime will use: <see cref="ComputeDevice.Cpu"/> or a CUDA device, never Auto.</param>
/// <param name="Reason">Why, in words (also logged).</param>
public sealed record DeviceSelection(ComputeDevice Requested, ComputeDevice Device, string Reason)
{
    /// <summary>Gets whether the selected device is a CUDA GPU.</summary>
    public bool IsCuda => Device.Kind == ComputeDeviceKind.Cuda;
}
