namespace Ml.Sdk.Core.Observability;

/// <summary>
/// Receives every inference that Serving completes. Monitoring registers one; an app may register its own
/// (audit logs, sampling to storage). Register with <c>services.AddSingleton&lt;IInferenceObserver, MyObserver&gt;()</c>.
/// </summary>
/// <remarks>
/// Called synchronously on the serving path once the response is ready, so an implementation must return at once:
/// copy what it needs from the event into its own buffer and hand it to a background worker.
/// The tensor views are invalid after the call returns. Exceptions are caught and logged by
/// <see cref="InferencePublisher"/>; they never fail the request.
/// </remarks>
public interface IInferenceObserver
{
    /// <summary>Observes one inference.</summary>
    /// <param name="inference">The inference; valid only during this call.</param>
    void OnInference(in InferenceEvent inference);
}
