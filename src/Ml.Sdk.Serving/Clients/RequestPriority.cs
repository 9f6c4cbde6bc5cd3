namespace Ml.Sdk.Serving;

/// <summary>The queue a request waits in: every queued high-priority request is batched before any normal one.</summary>
public enum RequestPriority
{
    /// <summary>The default queue.</summary>
    Normal = 0,

    /// <summary>Served before every normal request that is still queued (e.g. interactive traffic over bulk scoring).</summary>
    High = 1,
}
