namespace Ml.Sdk.Registry.Naming;

/// <summary>A model, alias, experiment, run, artifact file, tag, param or metric name breaks <see cref="NameRules"/>.</summary>
public sealed class InvalidNameException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public InvalidNameException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public InvalidNameException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidNameException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for one parameter.</summary>
    /// <param name="message">The message, naming the rule broken.</param>
    /// <param name="paramName">The parameter that held the name.</param>
    public InvalidNameException(string message, string? paramName)
        : base(message, paramName)
    {
    }
}
