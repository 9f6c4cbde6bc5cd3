namespace Ml.Sdk.Serving;

/// <summary>
/// A request named a model that is not configured, a version that is not loaded, or a model that has no ready version
/// (it failed to load or warm up; see the health check and the log).
/// </summary>
public sealed class ModelNotServedException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public ModelNotServedException()
        : base("The model is not served.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public ModelNotServedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public ModelNotServedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the model's name.</summary>
    public string ModelName { get; init; } = string.Empty;

    /// <summary>Gets the version asked for, if the request named one.</summary>
    public int? Version { get; init; }
}
