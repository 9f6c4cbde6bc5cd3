namespace Ml.Sdk.Registry.Tracking;

/// <summary>No run has the given id, or no experiment the given name.</summary>
public sealed class RunNotFoundException : KeyNotFoundException
{
    /// <summary>Creates the exception.</summary>
    public RunNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public RunNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RunNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
