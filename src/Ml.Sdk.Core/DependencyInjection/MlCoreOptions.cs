using Ml.Sdk.Core.Devices;

namespace Ml.Sdk.Core.DependencyInjection;

/// <summary>Options shared by every Ml.Sdk package, bound from configuration section <c>MlSdk:Core</c> by convention.</summary>
public sealed class MlCoreOptions
{
    /// <summary>Gets or sets the device Training and Serving use when a model does not name one.</summary>
    /// <value>Default <see cref="ComputeDevice.Auto"/>: CUDA when available, otherwise the CPU. Binds from <c>auto</c>, <c>cpu</c>, <c>cuda:N</c>.</value>
    public ComputeDevice DefaultDevice { get; set; } = ComputeDevice.Auto;
}
