using Microsoft.Extensions.DependencyInjection;

namespace Ml.Sdk.Core.DependencyInjection.Internal;

internal sealed class MlCoreBuilder(IServiceCollection services) : IMlCoreBuilder
{
    public IServiceCollection Services { get; } = services;
}
