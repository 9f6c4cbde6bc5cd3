namespace Ml.Sdk.Training.Checkpoints;

/// <summary>
/// A checkpoint does not fit the fit that wants to resume from it: a different architecture (the message names the
/// first mismatched parameter and both shapes), a different optimizer, or a different task.
/// </summary>
public sealed class CheckpointMismatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CheckpointMismatchException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What does not match.</param>
    public CheckpointMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What does not match.</param>
    /// <param name="innerException">The cause.</param>
    public CheckpointMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the checkpoint file.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Gets the first mismatched parameter, or <see langword="null"/> when the mismatch is not a parameter's.</summary>
    public string? ParameterName { get; init; }
}
