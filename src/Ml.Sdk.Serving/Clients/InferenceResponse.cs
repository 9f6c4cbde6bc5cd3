namespace Ml.Sdk.Serving;

/// <summary>
/// The outputs of one request and the version that produced them. Dispose it to return its pooled buffers; the
/// outputs are invalid afterwards.
/// </summary>
public sealed class InferenceResponse : IDisposable
{
    private readonly InferenceOutput[] _outputs;

    internal InferenceResponse(string modelName, int version, InferenceOutput[] outputs, bool fromCache)
    {
        ModelName = modelName;
        Version = version;
        _outputs = outputs;
        FromCache = fromCache;
    }

    /// <summary>Gets the model's name.</summary>
    public string ModelName { get; }

    /// <summary>Gets the version that answered (the routing decision).</summary>
    public int Version { get; }

    /// <summary>Gets whether the outputs came from the result cache rather than a model run.</summary>
    public bool FromCache { get; }

    /// <summary>Gets the outputs, in the model's output order.</summary>
    public IReadOnlyList<InferenceOutput> Outputs => _outputs;

    /// <summary>Gets an output by name.</summary>
    /// <param name="name">The output's name.</param>
    /// <returns>The output.</returns>
    /// <exception cref="KeyNotFoundException">The model has no such output.</exception>
    public InferenceOutput this[string name]
    {
        get
        {
            foreach (InferenceOutput output in _outputs)
            {
                if (string.Equals(output.Name, name, StringComparison.Ordinal))
                {
                    return output;
                }
            }

            throw new KeyNotFoundException(
                $"Model '{ModelName}' has no output '{name}'; its outputs are {string.Join(", ", _outputs.Select(static o => o.Name))}.");
        }
    }

    /// <summary>Returns the pooled output buffers.</summary>
    public void Dispose()
    {
        foreach (InferenceOutput output in _outputs)
        {
            output.Release();
        }
    }
}
