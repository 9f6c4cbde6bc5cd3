namespace Ml.Sdk.Core.Devices;

/// <summary>What a runtime reports about CUDA: whether it can use it, how many devices it sees, and why not.</summary>
/// <param name="IsAvailable">Whether the runtime's CUDA build is present and at least one GPU is visible.</param>
/// <param name="DeviceCount">The number of visible CUDA devices (0 when not available).</param>
/// <param name="Detail">Why CUDA is or is not available, in words, for logs and errors.</param>
/// <param name="InstallHint">What to install to get CUDA for this runtime (e.g. the GPU native package), for errors.</param>
public sealed record CudaAvailability(bool IsAvailable, int DeviceCount, string Detail, string InstallHint)
{
    /// <summary>Creates a report of available CUDA.</summary>
    /// <param name="deviceCount">The number of visible devices, 1 or more.</param>
    /// <param name="detail">A description, e.g. the CUDA version.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="deviceCount"/> is below 1.</exception>
    public static CudaAvailability Available(int deviceCount, string detail)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(deviceCount, 1);
        return new CudaAvailability(true, deviceCount, detail, string.Empty);
    }

    /// <summary>Creates a report of missing CUDA.</summary>
    /// <param name="reason">Why it is missing.</param>
    /// <param name="installHint">What to install to get it.</param>
    /// <returns>The report.</returns>
    public static CudaAvailability Unavailable(string reason, string installHint) => new(false, 0, reason, installHint);
}
