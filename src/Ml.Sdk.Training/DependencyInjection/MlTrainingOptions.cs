using Ml.Sdk.Core.Devices;

namespace Ml.Sdk.Training.DependencyInjection;

/// <summary>Options of the training services registered by <c>AddMlTraining()</c>.</summary>
public sealed class MlTrainingOptions
{
    /// <summary>
    /// Gets or sets the device of fits that do not choose one (<see cref="FitOptions.Device"/> is <see langword="null"/>);
    /// <see langword="null"/> uses <c>AddMlCore</c>'s <c>DefaultDevice</c>.
    /// </summary>
    /// <value>Default <see langword="null"/>.</value>
    public ComputeDevice? Device { get; set; }
}
