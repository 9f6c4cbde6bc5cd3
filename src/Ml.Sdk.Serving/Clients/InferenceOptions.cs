namespace Ml.Sdk.Serving;

/// <summary>
/// How one request is served: its priority, routing key, explicit version and timeout. A caller may keep one instance
/// and pass it to every call (it is only read), so the hot path allocates nothing for it.
/// </summary>
public sealed class InferenceOptions
{
    /// <summary>Gets the options every request gets when it passes none.</summary>
    public static InferenceOptions Default { get; } = new();

    /// <summary>Gets or sets the queue the request waits in.</summary>
    /// <value>The default is <see cref="RequestPriority.Normal"/>.</value>
    public RequestPriority Priority { get; init; }

    /// <summary>
    /// Gets or sets the key that makes A/B and canary assignment sticky (e.g. a customer id): the same key always goes
    /// to the same version while the split is unchanged. Without a key each request is assigned at random.
    /// </summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? RoutingKey { get; init; }

    /// <summary>Gets or sets the caller's request id, passed to inference observers so that delayed labels can be joined.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? RequestId { get; init; }

    /// <summary>Gets or sets an explicit version to serve this request, bypassing routing; it must be loaded.</summary>
    /// <value>The default is <see langword="null"/> (route the request).</value>
    public int? Version { get; init; }

    /// <summary>
    /// Gets or sets how long the request may wait before its batch starts; past it the request fails with
    /// <see cref="InferenceTimeoutException"/> and never runs. Overrides the model's <see cref="ServedModelOptions.RequestTimeout"/>.
    /// </summary>
    /// <value>The default is <see langword="null"/> (the model's timeout, if any).</value>
    public TimeSpan? Timeout { get; init; }
}
