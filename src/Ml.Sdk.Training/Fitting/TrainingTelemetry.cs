using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Ml.Sdk.Training;

/// <summary>Names of the training package's <see cref="Meter"/>, <see cref="ActivitySource"/> and instruments, for OpenTelemetry's <c>AddMeter</c>/<c>AddSource</c>.</summary>
public static class TrainingTelemetry
{
    /// <summary>The meter and activity source name.</summary>
    public const string Name = "Ml.Sdk.Training";

    /// <summary>Counter of optimizer steps.</summary>
    public const string StepsInstrument = "ml_sdk.training.steps";

    /// <summary>Counter of finished epochs.</summary>
    public const string EpochsInstrument = "ml_sdk.training.epochs";

    /// <summary>Histogram of epoch durations, in seconds.</summary>
    public const string EpochDurationInstrument = "ml_sdk.training.epoch.duration";

    internal static readonly ActivitySource ActivitySource = new(Name);

    internal static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> Steps = Meter.CreateCounter<long>(StepsInstrument, unit: "{step}", description: "Optimizer steps taken by Ml.Sdk trainers.");

    internal static readonly Counter<long> Epochs = Meter.CreateCounter<long>(EpochsInstrument, unit: "{epoch}", description: "Epochs finished by Ml.Sdk trainers.");

    internal static readonly Histogram<double> EpochDuration = Meter.CreateHistogram<double>(EpochDurationInstrument, unit: "s", description: "Wall time of one training epoch.");
}
