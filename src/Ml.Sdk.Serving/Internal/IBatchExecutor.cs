namespace Ml.Sdk.Serving.Internal;

/// <summary>Runs a version's session on a batch of requests and exposes the outputs until the next run.</summary>
internal interface IBatchExecutor : IOutputReader, IDisposable
{
    /// <summary>Gets whether requests can be stacked along the batch dimension.</summary>
    bool IsStacked { get; }

    /// <summary>Runs the requests of a batch, holding <paramref name="rows"/> rows in all.</summary>
    void Run(ReadOnlySpan<PendingRequest> batch, int rows);

    /// <summary>Runs the session on zero inputs at the batch sizes traffic will use.</summary>
    void WarmUp(int runs, int maxBatchSize);
}
