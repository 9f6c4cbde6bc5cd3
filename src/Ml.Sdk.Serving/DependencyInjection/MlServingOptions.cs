using System.ComponentModel.DataAnnotations;
using Microsoft.ML.OnnxRuntime;
using Ml.Sdk.Core.Devices;

namespace Ml.Sdk.Serving;

/// <summary>Settings shared by every served model (each model may override the per-model ones in <see cref="ServedModelOptions"/>).</summary>
public sealed class MlServingOptions
{
    /// <summary>Gets or sets the largest batch, in rows.</summary>
    /// <value>The default is 64.</value>
    [Range(1, 1_000_000)]
    public int MaxBatchSize { get; set; } = 64;

    /// <summary>Gets or sets how long a batch waits for more requests under concurrent load (a lone request never waits).</summary>
    /// <value>The default is 100 µs.</value>
    public TimeSpan MaxQueueDelay { get; set; } = TimeSpan.FromMicroseconds(100);

    /// <summary>Gets or sets how many requests may wait per version before new ones are refused.</summary>
    /// <value>The default is 1024.</value>
    [Range(1, 10_000_000)]
    public int MaxQueueSize { get; set; } = 1024;

    /// <summary>Gets or sets the default time a request may wait before it runs.</summary>
    /// <value>The default is <see langword="null"/> (no timeout).</value>
    public TimeSpan? RequestTimeout { get; set; }

    /// <summary>Gets or sets the device models run on.</summary>
    /// <value>The default is <see cref="ComputeDevice.Auto"/>: CUDA when the GPU package and a GPU are present, else the CPU.</value>
    public ComputeDevice Device { get; set; } = ComputeDevice.Auto;

    /// <summary>Gets or sets ONNX Runtime's graph optimization level.</summary>
    /// <value>The default is <see cref="GraphOptimizationLevel.ORT_ENABLE_ALL"/>.</value>
    public GraphOptimizationLevel GraphOptimizationLevel { get; set; } = GraphOptimizationLevel.ORT_ENABLE_ALL;

    /// <summary>
    /// Gets or sets whether every session shares one ONNX Runtime thread pool (created with the process-wide environment)
    /// instead of each session starting its own threads. Turn it on when the process serves many models or versions, so
    /// that they do not each start threads and oversubscribe the cores; leave it off for the lowest single-request
    /// latency: with the global pool a run hands its work to the pool's threads instead of running on the caller's thread
    /// (measured here: a one-row request at P50 6.9 µs and P99 45 µs with the pool, 4.5 µs and 8.5 µs without; see
    /// docs/benchmarks.md).
    /// </summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool UseSharedThreadPool { get; set; }

    /// <summary>Gets or sets the intra-op threads (per session, or of the shared pool); 0 lets ONNX Runtime choose.</summary>
    /// <value>The default is 0.</value>
    [Range(0, 1024)]
    public int IntraOpThreads { get; set; }

    /// <summary>Gets or sets the inter-op threads (per session, or of the shared pool); 0 lets ONNX Runtime choose.</summary>
    /// <value>The default is 0.</value>
    [Range(0, 1024)]
    public int InterOpThreads { get; set; }

    /// <summary>Gets or sets how many completed inferences may wait for the observers before new ones are dropped (and counted).</summary>
    /// <value>The default is 4096.</value>
    [Range(1, 10_000_000)]
    public int ObserverQueueSize { get; set; } = 4096;

    /// <summary>Gets or sets whether the host's start waits until every model has a warmed-up version.</summary>
    /// <value>The default is <see langword="false"/>: models load in the background and the health check reports when they are ready.</value>
    public bool WaitForModelsOnStart { get; set; }
}
