namespace Ml.Sdk.Serving;

/// <summary>
/// A request was refused because the model version's queue is full. The request never ran and may be retried later;
/// an HTTP layer maps this to 429 Too Many Requests.
/// </summary>
public sealed class ServingQueueFullException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public ServingQueueFullException()
        : base("The serving queue is full.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public ServingQueueFullException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public ServingQueueFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the model whose queue was full.</summary>
    public string ModelName { get; init; } = string.Empty;

    /// <summary>Gets the version whose queue was full.</summary>
    public int Version { get; init; }

    /// <summary>Gets the queue's bound.</summary>
    public int QueueLimit { get; init; }
}
