namespace Ml.Sdk.Serving.Tests.TestSupport;

/// <summary>
/// The tests that depend on how requests queue up behind each other (batching, backpressure, priority, timeouts) or
/// that measure allocations: xunit runs them one at a time, after the parallel tests, so that neither other tests'
/// load nor their process-wide listeners get in the way.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RequestsUnderLoad
{
    public const string Name = "Serving requests under load";
}
