namespace Ml.Sdk.Core.Observability;

/// <summary>
/// One completed inference, as Serving publishes it to every <see cref="IInferenceObserver"/>: which model and
/// version answered, the inputs and outputs, the latency and when it finished. A <c>ref struct</c>: it lives on the
/// publisher's stack, costs no allocation, and cannot outlive the observer call, which is the contract (the tensors
/// are pooled memory).
/// </summary>
public readonly ref struct InferenceEvent
{
    /// <summary>Creates an event.</summary>
    /// <param name="modelName">The model's name.</param>
    /// <param name="modelVersion">The version that answered (e.g. the Registry version number as text).</param>
    /// <param name="requestId">The caller's request id, used to join delayed ground truth; may be <see langword="null"/>.</param>
    /// <param name="inputs">The request's inputs.</param>
    /// <param name="outputs">The response's outputs.</param>
    /// <param name="latency">The time from request to response.</param>
    /// <param name="timestamp">When the response was produced (from the host's <see cref="TimeProvider"/>).</param>
    public InferenceEvent(
        string modelName,
        string modelVersion,
        string? requestId,
        IInferenceTensorSet inputs,
        IInferenceTensorSet outputs,
        TimeSpan latency,
        DateTimeOffset timestamp)
    {
        ModelName = modelName;
        ModelVersion = modelVersion;
        RequestId = requestId;
        Inputs = inputs;
        Outputs = outputs;
        Latency = latency;
        Timestamp = timestamp;
    }

    /// <summary>Gets the model's name.</summary>
    public string ModelName { get; }

    /// <summary>Gets the version that answered.</summary>
    public string ModelVersion { get; }

    /// <summary>Gets the caller's request id, if any.</summary>
    public string? RequestId { get; }

    /// <summary>Gets the request's inputs.</summary>
    public IInferenceTensorSet Inputs { get; }

    /// <summary>Gets the response's outputs.</summary>
    public IInferenceTensorSet Outputs { get; }

    /// <summary>Gets the time from request to response.</summary>
    public TimeSpan Latency { get; }

    /// <summary>Gets when the response was produced.</summary>
    public DateTimeOffset Timestamp { get; }
}
