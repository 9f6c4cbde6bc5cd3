using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Ml.Sdk.Core.Devices;

namespace Ml.Sdk.Serving.Internal;

/// <summary>Creates ONNX Runtime sessions with the configured optimization level, threads and execution provider.</summary>
internal sealed class OnnxSessionFactory(
    OnnxRuntimeEnvironment environment,
    ComputeDeviceResolver resolver,
    IComputeRuntime runtime,
    ILogger logger)
{
    public InferenceSession Create(string modelName, int version, string path, ComputeDevice requested, GraphOptimizationLevel optimization, out ComputeDevice device)
    {
        DeviceSelection selection = resolver.Resolve(requested, runtime);
        using var options = new SessionOptions { GraphOptimizationLevel = optimization };
        if (environment.SharedThreadPool)
        {
            options.DisablePerSessionThreads();
        }
        else
        {
            if (environment.IntraOpThreads > 0)
            {
                options.IntraOpNumThreads = environment.IntraOpThreads;
            }

            if (environment.InterOpThreads > 0)
            {
                options.InterOpNumThreads = environment.InterOpThreads;
            }
        }

        device = ComputeDevice.Cpu;
        if (selection.IsCuda)
        {
            try
            {
                options.AppendExecutionProvider_CUDA(selection.Device.Index);
                device = selection.Device;
            }
            catch (Exception ex) when (ex is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException && requested.Kind != ComputeDeviceKind.Cuda)
            {
                ServingLog.CudaProviderFallback(logger, ex, modelName, version);
            }
            catch (Exception ex) when (ex is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
            {
                throw new ComputeDeviceUnavailableException(
                    $"ONNX Runtime cannot use {requested} for model '{modelName}' version {version}: {ex.Message}. " +
                    "Install CUDA 12 and cuDNN 9 to match the Microsoft.ML.OnnxRuntime.Gpu package.", ex)
                {
                    Requested = requested,
                    RuntimeName = runtime.Name,
                };
            }
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            string deviceName = device.ToString();
            ServingLog.SessionDevice(logger, modelName, version, deviceName, selection.Reason);
        }
        return new InferenceSession(path, options);
    }
}
