namespace Ml.Sdk.FeatureStore.Definitions;

/// <summary>A definition is invalid or contradicts the catalog: an unknown entity or view, a duplicate feature, a bad TTL.</summary>
public sealed class FeatureDefinitionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FeatureDefinitionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong, naming the definition.</param>
    public FeatureDefinitionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What is wrong, naming the definition.</param>
    /// <param name="innerException">The cause.</param>
    public FeatureDefinitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
