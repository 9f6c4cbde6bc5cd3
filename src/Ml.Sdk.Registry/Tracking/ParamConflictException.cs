namespace Ml.Sdk.Registry.Tracking;

/// <summary>A param was logged again with a different value; params are immutable once logged.</summary>
public sealed class ParamConflictException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public ParamConflictException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ParamConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ParamConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the param's key.</summary>
    public string Key { get; init; } = string.Empty;

    /// <summary>Gets the value already stored.</summary>
    public string ExistingValue { get; init; } = string.Empty;

    /// <summary>Gets the value that was refused.</summary>
    public string RejectedValue { get; init; } = string.Empty;
}
