namespace Ml.Sdk.FeatureStore.Definitions;

/// <summary>
/// An on-demand feature view's transform failed for a row: it threw (the exception is the inner exception), set an output
/// to a value of another type, or left an output unset. The message names the view and, where there is one, the output.
/// </summary>
public sealed class OnDemandFeatureException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OnDemandFeatureException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong, naming the view.</param>
    public OnDemandFeatureException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong, naming the view.</param>
    /// <param name="innerException">The exception the transform threw.</param>
    public OnDemandFeatureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a view.</summary>
    /// <param name="viewName">The on-demand feature view's name.</param>
    /// <param name="message">What went wrong, naming the view.</param>
    /// <param name="innerException">The exception the transform threw, if any.</param>
    internal OnDemandFeatureException(string viewName, string message, Exception? innerException)
        : base(message, innerException)
    {
        ViewName = viewName;
    }

    /// <summary>Gets the name of the on-demand feature view whose transform failed, when known.</summary>
    public string? ViewName { get; }
}
