using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace Ml.Sdk.Serving.Internal;

/// <summary>
/// The process-wide ONNX Runtime environment. ONNX Runtime has one environment per process; when it is created here
/// it gets one global thread pool that every session shares, so that several models and versions do not each start
/// their own threads and oversubscribe the cores.
/// </summary>
internal sealed class OnnxRuntimeEnvironment
{
    private static readonly Lock s_lock = new();
    private static bool s_createdWithSharedPool;
    private static OrtThreadingOptions? s_threading;

    public OnnxRuntimeEnvironment(MlServingOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        lock (s_lock)
        {
            if (options.UseSharedThreadPool && !OrtEnv.IsCreated)
            {
                s_threading = new OrtThreadingOptions();
                if (options.IntraOpThreads > 0)
                {
                    s_threading.GlobalIntraOpNumThreads = options.IntraOpThreads;
                }

                if (options.InterOpThreads > 0)
                {
                    s_threading.GlobalInterOpNumThreads = options.InterOpThreads;
                }

                var creation = new EnvironmentCreationOptions { logId = "Ml.Sdk.Serving", threadOptions = s_threading };
                _ = OrtEnv.CreateInstanceWithOptions(ref creation);
                s_createdWithSharedPool = true;
            }
            else if (options.UseSharedThreadPool && !s_createdWithSharedPool)
            {
                ServingLog.SharedThreadPoolUnavailable(logger);
            }

            SharedThreadPool = options.UseSharedThreadPool && s_createdWithSharedPool;
        }

        IntraOpThreads = options.IntraOpThreads;
        InterOpThreads = options.InterOpThreads;
        Environment = OrtEnv.Instance();
    }

    public OrtEnv Environment { get; }

    public bool SharedThreadPool { get; }

    public int IntraOpThreads { get; }

    public int InterOpThreads { get; }
}
