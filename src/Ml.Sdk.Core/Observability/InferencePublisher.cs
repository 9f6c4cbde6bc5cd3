using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ml.Sdk.Core.Observability.Internal;

namespace Ml.Sdk.Core.Observability;

/// <summary>
/// Fans each completed inference out to the <see cref="IInferenceObserver"/>s registered in DI. Serving calls
/// <see cref="Publish"/>; with no observer registered it returns at once, and it never allocates either way.
/// </summary>
/// <remarks>Registered as a singleton by <c>AddMlCore()</c>; observers are resolved once, when it is created.</remarks>
public sealed class InferencePublisher
{
    private readonly IInferenceObserver[] _observers;
    private readonly ILogger _logger;
    private long _failures;

    /// <summary>Creates the publisher.</summary>
    /// <param name="observers">The observers, in registration order.</param>
    /// <param name="logger">Logs observer failures.</param>
    /// <exception cref="ArgumentNullException"><paramref name="observers"/> is <see langword="null"/>.</exception>
    public InferencePublisher(IEnumerable<IInferenceObserver> observers, ILogger<InferencePublisher>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(observers);
        _observers = [.. observers];
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>
    /// Gets whether any observer is registered. A publisher checks it before gathering an event's tensors, so
    /// that nobody pays for what nobody reads.
    /// </summary>
    public bool HasObservers => _observers.Length != 0;

    /// <summary>Gets how many observer calls have thrown since start.</summary>
    public long FailureCount => Interlocked.Read(ref _failures);

    /// <summary>Passes <paramref name="inference"/> to every observer in turn. Observer exceptions are logged and swallowed.</summary>
    /// <param name="inference">The inference.</param>
    public void Publish(in InferenceEvent inference)
    {
        IInferenceObserver[] observers = _observers;
        for (int i = 0; i < observers.Length; i++)
        {
            try
            {
                observers[i].OnInference(in inference);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Monitoring must never fail a request: count, log, and go on to the next observer.
                Interlocked.Increment(ref _failures);
                ObserverLog.ObserverFailed(_logger, ex, observers[i].GetType().Name, inference.ModelName, inference.ModelVersion);
            }
        }
    }
}
