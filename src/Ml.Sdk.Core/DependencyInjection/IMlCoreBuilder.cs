namespace Ml.Sdk.Core.DependencyInjection;

/// <summary>Returned by <c>AddMlCore()</c> for chaining further Ml.Sdk registrations.</summary>
public interface IMlCoreBuilder
{
    /// <summary>Gets the service collection.</summary>
    Microsoft.Extensions.DependencyInjection.IServiceCollection Services { get; }
}
