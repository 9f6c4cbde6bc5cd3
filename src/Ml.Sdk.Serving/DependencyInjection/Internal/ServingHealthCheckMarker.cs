namespace Ml.Sdk.Serving.DependencyInjection.Internal;

/// <summary>Marks that the serving health check is registered, so a second <c>AddMlServing()</c> does not add it again.</summary>
internal sealed class ServingHealthCheckMarker;
