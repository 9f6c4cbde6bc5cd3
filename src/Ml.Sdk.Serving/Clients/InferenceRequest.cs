using System.Numerics.Tensors;
using Ml.Sdk.Serving.Internal;

namespace Ml.Sdk.Serving;

/// <summary>
/// A request with any number of named inputs, for models with several inputs or outputs. Inputs are the caller's
/// memory (not copied until the request's batch runs), so keep them unchanged until the call completes. Outputs come
/// back in pooled buffers owned by the <see cref="InferenceResponse"/>, or are written into buffers the caller gives
/// with <see cref="WithOutput{T}(string, Memory{T})"/>.
/// </summary>
/// <remarks>
/// For a model with one input and one output, <see cref="IModelClient.InferAsync{TInput, TOutput}"/> is the faster path:
/// it allocates nothing per call.
/// </remarks>
public sealed class InferenceRequest
{
    private readonly List<RequestTensor> _inputs = [];
    private readonly List<OutputDestination> _outputs = [];

    /// <summary>Gets or sets how the request is served.</summary>
    /// <value>The default is <see cref="InferenceOptions.Default"/>.</value>
    public InferenceOptions Options { get; set; } = InferenceOptions.Default;

    internal IReadOnlyList<RequestTensor> Inputs => _inputs;

    internal IReadOnlyList<OutputDestination> Outputs => _outputs;

    /// <summary>Adds an input from the caller's memory with its shape (row-major, batch dimension first).</summary>
    /// <typeparam name="T">The element type (float, long, int, ...).</typeparam>
    /// <param name="name">The model input's name.</param>
    /// <param name="data">The elements; kept, not copied, until the call completes.</param>
    /// <param name="shape">The lengths of each dimension; their product must equal the element count.</param>
    /// <returns>This request, for chaining.</returns>
    /// <exception cref="ArgumentException">The shape does not match the element count, or a dimension is negative.</exception>
    public InferenceRequest AddInput<T>(string name, ReadOnlyMemory<T> data, params ReadOnlySpan<long> shape)
        where T : unmanaged
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _inputs.Add(new RequestTensor<T>(name, data, RequestShapes.Check(name, data.Length, shape)));
        return this;
    }

    /// <summary>Adds an input from a <see cref="Tensor{T}"/> (copied once into a buffer the request owns).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="name">The model input's name.</param>
    /// <param name="tensor">The tensor.</param>
    /// <returns>This request, for chaining.</returns>
    public InferenceRequest AddInput<T>(string name, Tensor<T> tensor)
        where T : unmanaged
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(tensor);
        var data = new T[tensor.FlattenedLength];
        tensor.FlattenTo(data);
        long[] shape = new long[tensor.Rank];
        for (int i = 0; i < shape.Length; i++)
        {
            shape[i] = tensor.Lengths[i];
        }

        _inputs.Add(new RequestTensor<T>(name, data, shape));
        return this;
    }

    /// <summary>
    /// Asks for an output to be written into the caller's buffer instead of a pooled one; the buffer must hold the
    /// output's elements for the request's rows exactly.
    /// </summary>
    /// <typeparam name="T">The output's element type.</typeparam>
    /// <param name="name">The model output's name.</param>
    /// <param name="destination">Where to write the elements.</param>
    /// <returns>This request, for chaining.</returns>
    public InferenceRequest WithOutput<T>(string name, Memory<T> destination)
        where T : unmanaged
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _outputs.Add(new OutputDestination<T>(name, destination));
        return this;
    }
}
