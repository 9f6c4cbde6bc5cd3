using Microsoft.Extensions.DependencyInjection;

namespace Ml.Sdk.Training.DependencyInjection.Internal;

/// <summary>The builder <c>AddMlTraining()</c> returns.</summary>
internal sealed class MlTrainingBuilder(IServiceCollection services) : IMlTrainingBuilder
{
    public IServiceCollection Services { get; } = services;
}
