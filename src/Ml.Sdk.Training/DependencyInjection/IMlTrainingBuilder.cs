using Microsoft.Extensions.DependencyInjection;

namespace Ml.Sdk.Training.DependencyInjection;

/// <summary>Returned by <c>AddMlTraining()</c> for chaining further training configuration.</summary>
public interface IMlTrainingBuilder
{
    /// <summary>Gets the service collection.</summary>
    IServiceCollection Services { get; }
}
