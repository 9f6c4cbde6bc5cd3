using Microsoft.Extensions.Logging;

namespace Ml.Sdk.Core.Devices.Internal;

internal static partial class DeviceLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "{Runtime}: requested device {Requested}, using {Device}: {Reason}")]
    public static partial void DeviceSelected(ILogger logger, string runtime, ComputeDevice requested, ComputeDevice device, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning,
        Message = "{Runtime}: probing CUDA failed; treating CUDA as unavailable")]
    public static partial void CudaProbeFailed(ILogger logger, Exception exception, string runtime);
}
