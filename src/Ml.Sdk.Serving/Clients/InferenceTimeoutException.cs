namespace Ml.Sdk.Serving;

/// <summary>A request waited longer than its timeout before its batch started; it never ran.</summary>
public sealed class InferenceTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    public InferenceTimeoutException()
        : base("The inference request timed out before it ran.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public InferenceTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public InferenceTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the model the request was for.</summary>
    public string ModelName { get; init; } = string.Empty;

    /// <summary>Gets the timeout that elapsed.</summary>
    public TimeSpan Timeout { get; init; }
}
