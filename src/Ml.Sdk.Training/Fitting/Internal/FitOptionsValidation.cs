using Ml.Sdk.Training.Callbacks;

namespace Ml.Sdk.Training.Fitting.Internal;

/// <summary>Checks a fit's options before anything runs; every failure is an <see cref="ArgumentException"/> naming the option.</summary>
internal static class FitOptionsValidation
{
    public static void Validate(FitOptions options, TrainingData data, bool hasTracker)
    {
        if (options.Loss is null)
        {
            throw new ArgumentException("FitOptions.Loss is required, e.g. nn.CrossEntropyLoss().forward.", nameof(options));
        }

        if (options.Optimizer is null)
        {
            throw new ArgumentException("FitOptions.Optimizer is required, e.g. p => torch.optim.Adam(p, 1e-3).", nameof(options));
        }

        Positive(options.BatchSize, nameof(FitOptions.BatchSize), nameof(options));
        Positive(options.MaxEpochs, nameof(FitOptions.MaxEpochs), nameof(options));
        Positive(options.AccumulationSteps, nameof(FitOptions.AccumulationSteps), nameof(options));
        Positive(options.ProgressInterval, nameof(FitOptions.ProgressInterval), nameof(options));
        if (options.MaxSteps is <= 0)
        {
            throw new ArgumentException($"FitOptions.MaxSteps must be at least 1 when set; got {options.MaxSteps}.", nameof(options));
        }

        if (options.MaxTime is { } maxTime && maxTime <= TimeSpan.Zero)
        {
            throw new ArgumentException($"FitOptions.MaxTime must be positive when set; got {maxTime}.", nameof(options));
        }

        if (!(options.ValidationSplit >= 0 && options.ValidationSplit < 1))
        {
            throw new ArgumentException($"FitOptions.ValidationSplit must be in [0, 1); got {options.ValidationSplit}.", nameof(options));
        }

        if (options.ValidationSplit > 0 && options.Validation is not null)
        {
            throw new ArgumentException("Set either FitOptions.Validation or FitOptions.ValidationSplit, not both.", nameof(options));
        }

        if (options.ValidationSplit > 0 && data.Count is null)
        {
            throw new ArgumentException("A stream of batches cannot be split: give FitOptions.Validation instead of ValidationSplit.", nameof(options));
        }

        PositiveFinite(options.GradientClipNorm, nameof(FitOptions.GradientClipNorm), nameof(options));
        PositiveFinite(options.GradientClipValue, nameof(FitOptions.GradientClipValue), nameof(options));
        if ((options.ExperimentName is not null || options.RunId is not null) && !hasTracker)
        {
            throw new ArgumentException(
                "Tracking was asked for (ExperimentName or RunId) but the trainer has no IExperimentTracker: register one with services.AddMlRegistry().",
                nameof(options));
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (ITrainingCallback callback in options.Callbacks)
        {
            if (callback is null)
            {
                throw new ArgumentException("FitOptions.Callbacks holds a null entry.", nameof(options));
            }

            if (callback is ICheckpointableCallback checkpointable && !keys.Add(checkpointable.StateKey))
            {
                throw new ArgumentException($"Two callbacks share the checkpoint state key '{checkpointable.StateKey}'.", nameof(options));
            }
        }
    }

    private static void Positive(long value, string name, string paramName)
    {
        if (value < 1)
        {
            throw new ArgumentException($"FitOptions.{name} must be at least 1; got {value}.", paramName);
        }
    }

    private static void PositiveFinite(double? value, string name, string paramName)
    {
        if (value is double v && !(v > 0 && double.IsFinite(v)))
        {
            throw new ArgumentException($"FitOptions.{name} must be positive and finite when set; got {v}.", paramName);
        }
    }
}
