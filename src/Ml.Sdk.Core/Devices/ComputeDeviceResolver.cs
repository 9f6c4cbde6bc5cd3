using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ml.Sdk.Core.Devices.Internal;

namespace Ml.Sdk.Core.Devices;

/// <summary>
/// Applies Ml.Sdk's device rule for every runtime: <see cref="ComputeDevice.Auto"/> uses CUDA device 0 when the
/// runtime's CUDA build is present and a GPU is visible, and otherwise the CPU, logging which and why;
/// <see cref="ComputeDevice.Cpu"/> is always the CPU; an explicit CUDA device where CUDA is missing (or the ordinal
/// is beyond the visible devices) is a <see cref="ComputeDeviceUnavailableException"/> that says what to install.
/// </summary>
/// <remarks>Registered as a singleton by <c>AddMlCore()</c>.</remarks>
public sealed class ComputeDeviceResolver
{
    private readonly ILogger _logger;

    /// <summary>Creates the resolver.</summary>
    /// <param name="logger">The logger; the choice is logged at Information.</param>
    public ComputeDeviceResolver(ILogger<ComputeDeviceResolver>? logger = null)
    {
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Resolves <paramref name="requested"/> for <paramref name="runtime"/>.</summary>
    /// <param name="requested">The device asked for.</param>
    /// <param name="runtime">The runtime that will compute.</param>
    /// <returns>The device to use, never <see cref="ComputeDevice.Auto"/>, and why.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="runtime"/> is <see langword="null"/>.</exception>
    /// <exception cref="ComputeDeviceUnavailableException">CUDA was asked for explicitly and is not available.</exception>
    public DeviceSelection Resolve(ComputeDevice requested, IComputeRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        DeviceSelection selection = requested.Kind switch
        {
            ComputeDeviceKind.Cpu => new DeviceSelection(requested, ComputeDevice.Cpu, "the CPU was requested"),
            ComputeDeviceKind.Cuda => ResolveExplicitCuda(requested, runtime),
            _ => ResolveAuto(requested, runtime),
        };

        DeviceLog.DeviceSelected(_logger, runtime.Name, selection.Requested, selection.Device, selection.Reason);
        return selection;
    }

    private DeviceSelection ResolveAuto(ComputeDevice requested, IComputeRuntime runtime)
    {
        CudaAvailability cuda = Probe(runtime);
        return cuda.IsAvailable && cuda.DeviceCount > 0
            ? new DeviceSelection(requested, ComputeDevice.Cuda(0), $"CUDA is available ({cuda.DeviceCount} device(s); {cuda.Detail})")
            : new DeviceSelection(requested, ComputeDevice.Cpu, $"CUDA is not available, falling back to the CPU: {cuda.Detail}");
    }

    private DeviceSelection ResolveExplicitCuda(ComputeDevice requested, IComputeRuntime runtime)
    {
        CudaAvailability cuda = Probe(runtime);
        if (!cuda.IsAvailable || cuda.DeviceCount == 0)
        {
            throw new ComputeDeviceUnavailableException(
                $"{runtime.Name} cannot use {requested}: {cuda.Detail}. {cuda.InstallHint}".TrimEnd())
            {
                Requested = requested,
                RuntimeName = runtime.Name,
            };
        }

        if (requested.Index >= cuda.DeviceCount)
        {
            throw new ComputeDeviceUnavailableException(
                $"{runtime.Name} cannot use {requested}: only {cuda.DeviceCount} CUDA device(s) are visible " +
                $"(ordinals 0..{cuda.DeviceCount - 1}); check CUDA_VISIBLE_DEVICES.")
            {
                Requested = requested,
                RuntimeName = runtime.Name,
            };
        }

        return new DeviceSelection(requested, requested, $"CUDA device {requested.Index} was requested ({cuda.Detail})");
    }

    private CudaAvailability Probe(IComputeRuntime runtime)
    {
        try
        {
            return runtime.ProbeCuda();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A runtime whose CUDA probe itself fails cannot use CUDA; Auto falls back, explicit CUDA reports why.
            DeviceLog.CudaProbeFailed(_logger, ex, runtime.Name);
            return CudaAvailability.Unavailable($"probing CUDA failed: {ex.Message}", "Check the runtime's CUDA native package and driver.");
        }
    }
}
