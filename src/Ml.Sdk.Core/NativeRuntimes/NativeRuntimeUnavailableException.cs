namespace Ml.Sdk.Core.NativeRuntimes;

/// <summary>
/// A native runtime library (libtorch through TorchSharp, ONNX Runtime) cannot be loaded. The message names the
/// missing system library or symbol version and what to install, instead of the runtime's own probe trace.
/// </summary>
public sealed class NativeRuntimeUnavailableException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public NativeRuntimeUnavailableException()
        : base("A native runtime library could not be loaded.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public NativeRuntimeUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public NativeRuntimeUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the probe's findings, when the exception comes from <see cref="NativeLibraryProbe"/>.</summary>
    public NativeLibraryLoadResult? Result { get; init; }
}
