namespace Ml.Sdk.Registry;

/// <summary>A model, version or alias that an operation needs does not exist (or the version is deleted).</summary>
public sealed class ModelNotFoundException : KeyNotFoundException
{
    /// <summary>Creates the exception.</summary>
    public ModelNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message, naming what was not found.</param>
    public ModelNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ModelNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
