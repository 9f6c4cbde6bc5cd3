using Microsoft.Extensions.DependencyInjection;

namespace Ml.Sdk.Registry.DependencyInjection.Internal;

internal sealed class MlRegistryBuilder(IServiceCollection services) : IMlRegistryBuilder
{
    public IServiceCollection Services { get; } = services;
}
