namespace Ml.Sdk.Core.Observability;

/// <summary>
/// The inputs or the outputs of one inference, indexed. Serving implements it on its pooled request buffers, so
/// publishing an inference allocates nothing.
/// </summary>
public interface IInferenceTensorSet
{
    /// <summary>Gets the number of tensors.</summary>
    int Count { get; }

    /// <summary>Gets tensor <paramref name="index"/>, valid during the observer call only.</summary>
    /// <param name="index">0 to <see cref="Count"/> - 1.</param>
    /// <returns>The tensor view.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is out of range.</exception>
    InferenceTensor this[int index] { get; }
}
