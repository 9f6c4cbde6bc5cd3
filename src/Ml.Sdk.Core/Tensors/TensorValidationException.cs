namespace Ml.Sdk.Core.Tensors;

/// <summary>
/// A tensor does not match the <see cref="TensorSpec"/> it was checked against: wrong element type, rank or
/// dimension, or an unknown or missing input. The message names the input, the dimension and both values.
/// </summary>
public sealed class TensorValidationException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="tensorName">The name of the offending input or output.</param>
    /// <param name="message">The message, naming the input and what was expected.</param>
    /// <param name="dimension">The offending dimension, or <see langword="null"/> when not about one dimension.</param>
    public TensorValidationException(string tensorName, string message, int? dimension = null)
        : base(message, tensorName)
    {
        TensorName = tensorName;
        Dimension = dimension;
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public TensorValidationException(string message)
        : this(string.Empty, message)
    {
    }

    /// <summary>Creates the exception with no details.</summary>
    public TensorValidationException()
        : this(string.Empty, "The tensor does not match its specification.")
    {
    }

    /// <summary>Creates the exception wrapping another.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public TensorValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        TensorName = string.Empty;
    }

    /// <summary>Gets the name of the offending input or output.</summary>
    public string TensorName { get; }

    /// <summary>Gets the offending dimension (0-based), when the problem is one dimension's length.</summary>
    public int? Dimension { get; }
}
