namespace Ml.Sdk.Core.Devices;

/// <summary>
/// A device was asked for explicitly (e.g. <c>cuda:0</c>) and the runtime cannot use it. The message says what to
/// install. <see cref="ComputeDevice.Auto"/> never throws this: it falls back to the CPU.
/// </summary>
public sealed class ComputeDeviceUnavailableException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public ComputeDeviceUnavailableException()
        : base("The requested compute device is not available.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ComputeDeviceUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ComputeDeviceUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the device that was asked for.</summary>
    public ComputeDevice Requested { get; init; }

    /// <summary>Gets the runtime that could not provide it.</summary>
    public string RuntimeName { get; init; } = string.Empty;
}
