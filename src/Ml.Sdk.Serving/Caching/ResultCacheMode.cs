namespace Ml.Sdk.Serving;

/// <summary>Where a model's results are cached, keyed by model, version and the request's input bytes.</summary>
public enum ResultCacheMode
{
    /// <summary>No cache (the default): every request runs the model.</summary>
    None = 0,

    /// <summary>The host's <c>IMemoryCache</c> (added if the host has none).</summary>
    Memory = 1,

    /// <summary>The host's <c>IDistributedCache</c> (e.g. Redis through <c>AddStackExchangeRedisCache</c>), shared by replicas.</summary>
    Distributed = 2,
}
