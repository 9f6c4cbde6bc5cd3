using Microsoft.Extensions.DependencyInjection;

namespace Ml.Sdk.Registry.DependencyInjection;

/// <summary>Returned by <c>AddMlRegistry()</c> for chaining.</summary>
public interface IMlRegistryBuilder
{
    /// <summary>Gets the service collection.</summary>
    IServiceCollection Services { get; }
}
