using Microsoft.Extensions.Logging;

namespace Ml.Sdk.Core.Observability.Internal;

internal static partial class ObserverLog
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Error,
        Message = "Inference observer {Observer} failed on model {Model} version {Version}; the request is unaffected")]
    public static partial void ObserverFailed(ILogger logger, Exception exception, string observer, string model, string version);
}
