using Ml.Sdk.Core.Tensors;

namespace Ml.Sdk.Serving;

/// <summary>
/// Runs one served model. Inject it keyed by the model's name (<c>[FromKeyedServices("fraud")] IModelClient fraud</c>),
/// or get it from <see cref="IModelServer.GetClient(string)"/>. Thread-safe; requests from many callers are batched.
/// </summary>
public interface IModelClient
{
    /// <summary>Gets the model's name.</summary>
    string ModelName { get; }

    /// <summary>
    /// Runs a model with one input and one output on rows from the caller's memory, writing the output rows into the
    /// caller's buffer. The row count is <c>input.Length</c> divided by the input's row length. Allocates nothing per call.
    /// </summary>
    /// <typeparam name="TInput">The input's element type.</typeparam>
    /// <typeparam name="TOutput">The output's element type.</typeparam>
    /// <param name="input">The input rows, row-major; kept, not copied, until the call completes.</param>
    /// <param name="output">Where the output rows are written; it must hold at least rows × the output's row length.</param>
    /// <param name="options">Priority, routing key, explicit version and timeout; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the request; one cancelled while queued never runs.</param>
    /// <returns>The version that answered and the rows written.</returns>
    /// <exception cref="TensorValidationException">The input or output does not fit the model's signature (named in the message); nothing ran.</exception>
    /// <exception cref="ServingQueueFullException">The version's queue is full; the request never ran.</exception>
    /// <exception cref="InferenceTimeoutException">The request waited longer than its timeout; it never ran.</exception>
    /// <exception cref="OperationCanceledException">The request was cancelled before it ran.</exception>
    /// <exception cref="ModelNotServedException">The model has no ready version, or the explicit version is not loaded.</exception>
    ValueTask<InferenceResult> InferAsync<TInput, TOutput>(
        ReadOnlyMemory<TInput> input,
        Memory<TOutput> output,
        InferenceOptions? options = null,
        CancellationToken cancellationToken = default)
        where TInput : unmanaged
        where TOutput : unmanaged;

    /// <summary>Runs a request with named inputs; outputs come back in pooled buffers (dispose the response) or the caller's buffers.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the request; one cancelled while queued never runs.</param>
    /// <returns>The outputs and the version that answered.</returns>
    /// <exception cref="TensorValidationException">An input is unknown, missing, of the wrong element type, rank or dimension, or the batch is larger than the model's maximum; nothing ran.</exception>
    /// <exception cref="ServingQueueFullException">The version's queue is full; the request never ran.</exception>
    /// <exception cref="InferenceTimeoutException">The request waited longer than its timeout; it never ran.</exception>
    /// <exception cref="OperationCanceledException">The request was cancelled before it ran.</exception>
    /// <exception cref="ModelNotServedException">The model has no ready version, or the explicit version is not loaded.</exception>
    ValueTask<InferenceResponse> InferAsync(InferenceRequest request, CancellationToken cancellationToken = default);

    /// <summary>Gets the signature of the default version (or of <paramref name="version"/>), loading the model if needed.</summary>
    /// <param name="version">A loaded version, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The signature read from the ONNX model.</returns>
    ValueTask<ModelSignature> GetSignatureAsync(int? version = null, CancellationToken cancellationToken = default);
}
