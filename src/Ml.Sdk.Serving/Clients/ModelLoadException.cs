namespace Ml.Sdk.Serving;

/// <summary>A model version could not be loaded or warmed up; it takes no traffic and the versions already serving keep serving.</summary>
public sealed class ModelLoadException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public ModelLoadException()
        : base("The model version could not be loaded.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public ModelLoadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public ModelLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the model's name.</summary>
    public string ModelName { get; init; } = string.Empty;

    /// <summary>Gets the version that failed.</summary>
    public int Version { get; init; }

    /// <summary>Gets the stage that failed: <c>resolve</c>, <c>load</c> or <c>warm-up</c>.</summary>
    public string Stage { get; init; } = string.Empty;
}
