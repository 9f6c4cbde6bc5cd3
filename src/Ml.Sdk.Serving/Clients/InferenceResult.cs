namespace Ml.Sdk.Serving;

/// <summary>What a request that wrote its output into the caller's buffer returns: which version answered and how many rows.</summary>
/// <param name="ModelName">The model's name.</param>
/// <param name="Version">The version that answered.</param>
/// <param name="Rows">The rows written (the request's batch size).</param>
/// <param name="FromCache">Whether the result came from the result cache rather than a model run.</param>
public readonly record struct InferenceResult(string ModelName, int Version, int Rows, bool FromCache);
